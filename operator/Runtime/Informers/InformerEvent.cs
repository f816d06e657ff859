using System.Text.Json.Nodes;
using RumOperator.Runtime.Client;

namespace RumOperator.Runtime.Informers;

/// <summary>A change the informer applied to its cache; resync replays every cached object as Modified with IsResync.</summary>
public sealed record InformerEvent(WatchEventType Type, JsonObject Object, bool IsResync = false);
