namespace RumOperator.Runtime; internal static class Placeholder { }
