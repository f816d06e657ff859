namespace RumOperator.Runtime.InMemory;

/// <summary>
/// One call the in-memory cluster served. Changed is true only when stored state changed (a write that took
/// effect); Fault names the injected failure, if any.
/// </summary>
public sealed record RecordedCall(string Verb, string Path, bool Changed, Fault? Fault = null);
