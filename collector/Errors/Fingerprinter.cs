using RumCollector.Ingest;

namespace RumCollector.Errors;

/// <summary>
/// Groups errors the way Sentry does, first rule that applies wins:
/// 1. an explicit fingerprint from the SDK (<c>error(err, { fingerprint })</c>), where the item
///    <c>{{ default }}</c> stands for what rules 2-4 give;
/// 2. the in-app stack frames: stable file path (<see cref="FramePath"/>) and function (last dotted part) of each, at most
///    <see cref="MaxFrames"/>, recursion collapsed; third-party, extension and native frames are skipped;
/// 3. the error type and its normalized message (<see cref="MessageNormalizer"/>);
/// 4. the message as sent (after redaction), for errors that name no type.
/// Pure: the same event gives the same group on every collector.
/// </summary>
public static class Fingerprinter
{
    /// <summary>In-app frames that take part; deeper frames differ by caller more than by bug.</summary>
    public const int MaxFrames = 8;
    public const string DefaultPlaceholder = "{{ default }}";

    /// <param name="appOrigins">Origins besides the page's whose scripts are the app's own (its CDN).</param>
    public static Fingerprint Compute(string? message, IReadOnlyList<StackFrame> frames, IReadOnlyList<string>? explicitParts,
        string? pageOrigin, IReadOnlyCollection<string> appOrigins)
    {
        var (type, text) = MessageNormalizer.Split(message);
        var normalized = MessageNormalizer.Normalize(text);
        var inApp = InAppFrames(frames, pageOrigin, appOrigins);
        var top = inApp.Count > 0 ? inApp[0] : null;
        var typeLabel = type ?? "Error";

        var (rule, components) = Default(type, text, normalized, inApp);
        if (explicitParts is { Count: > 0 })
        {
            var parts = explicitParts.Take(BeaconLimits.MaxFingerprintParts)
                .SelectMany(p => p == DefaultPlaceholder ? components.Prepend(rule.ToString()) : [Cut(p)])
                .ToList();
            return new Fingerprint(Fingerprint.Id(FingerprintRule.Explicit, parts), FingerprintRule.Explicit, typeLabel, normalized, top);
        }
        return new Fingerprint(Fingerprint.Id(rule, components), rule, typeLabel, normalized, top);
    }

    private static (FingerprintRule, IReadOnlyList<string>) Default(string? type, string text, string normalized, IReadOnlyList<StackFrame> inApp)
    {
        if (inApp.Count > 0)
        {
            var keys = new List<string>(MaxFrames);
            foreach (var frame in inApp)
            {
                var key = Fingerprint.FrameKey(FramePath.Of(frame.Url!), ShortName(frame.Function));
                if (keys.Count > 0 && keys[^1] == key) continue; // recursion depth varies between occurrences
                keys.Add(key);
                if (keys.Count == MaxFrames) break;
            }
            return (FingerprintRule.Frames, keys);
        }
        if (type is not null) return (FingerprintRule.TypeMessage, [type, normalized]);
        return (FingerprintRule.Message, [text.Length <= MessageNormalizer.MaxLength ? text : text[..MessageNormalizer.MaxLength]]);
    }

    public static IReadOnlyList<StackFrame> InAppFrames(IReadOnlyList<StackFrame> frames, string? pageOrigin, IReadOnlyCollection<string> appOrigins)
    {
        var inApp = new List<StackFrame>();
        foreach (var frame in frames)
            if (FrameOrigin.IsInApp(frame, pageOrigin, appOrigins)) inApp.Add(frame);
        return inApp;
    }

    /// <summary>
    /// The last part of a dotted name: V8 prefixes the receiver ("HTMLButtonElement.onClick", "Cart.add"),
    /// Firefox and Safari print "onClick" and "add"; the same code must group the same in every browser.
    /// </summary>
    public static string? ShortName(string? function) =>
        function is null ? null : function[(function.LastIndexOf('.') + 1)..] is { Length: > 0 } last ? last : function;

    private static string Cut(string part) => part.Length <= BeaconLimits.MaxFingerprintPartLength ? part : part[..BeaconLimits.MaxFingerprintPartLength];
}
