using RumOperator.Api;
using RumOperator.Validation;

namespace RumOperator.Controllers;

/// <summary>Condition reasons shared by the reconcilers, and the conditions an invalid spec gets.</summary>
public static class Verdicts
{
    public const string InvalidSpec = "InvalidSpec";
    public const string AsExpected = "AsExpected";

    /// <summary>Not-ready reasons that are a normal phase rather than a problem: their Events are Normal, not Warning.</summary>
    public static readonly IReadOnlySet<string> Benign = new HashSet<string>(StringComparer.Ordinal) { PipelineHealth.CollectorsNotReady };

    /// <summary>Ready=False and Degraded=True naming every field and reason; Progressing=False because nothing is applied.</summary>
    public static Condition MarkInvalid<TStatus>(StatusDraft<TStatus> draft, IReadOnlyList<FieldError> errors, long generation)
        where TStatus : class, ICustomResourceStatus
    {
        var message = string.Join("; ", errors.Select(e => e.ToString()));
        draft.Set(s => s.ObservedGeneration, generation);
        draft.SetCondition(Condition.False(ConditionTypes.Progressing, InvalidSpec, "nothing applied until the spec is fixed", generation));
        draft.SetCondition(Condition.True(ConditionTypes.Degraded, InvalidSpec, message, generation));
        return Condition.False(ConditionTypes.Ready, InvalidSpec, message, generation);
    }
}
