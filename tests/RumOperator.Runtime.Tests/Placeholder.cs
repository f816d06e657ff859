namespace RumOperator.Runtime.Tests; public class Placeholder { [Fact] public void Builds() => Assert.True(typeof(RumOperator.Runtime.Placeholder) != null); }
