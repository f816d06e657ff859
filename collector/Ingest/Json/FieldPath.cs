namespace RumCollector.Ingest.Json;

/// <summary>
/// Where a field sits in the beacon, e.g. session.id or events[2].value. The text is built only when
/// an error names it, so valid events cost no string formatting.
/// </summary>
public readonly record struct FieldPath(string Name, int EventIndex = -1)
{
    public static FieldPath Event(int index) => new("", index);

    public FieldPath In(string name) => this with { Name = name };

    public override string ToString() =>
        EventIndex < 0 ? Name : Name.Length == 0 ? $"events[{EventIndex}]" : $"events[{EventIndex}].{Name}";
}
