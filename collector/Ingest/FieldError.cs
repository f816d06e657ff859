namespace RumCollector.Ingest;

/// <summary>One reason a beacon was rejected: the field (JSON path such as events[2].value) and why.</summary>
public sealed record FieldError(string Field, string Reason);
