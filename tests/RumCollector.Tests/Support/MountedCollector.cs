namespace RumCollector.Tests.Support;

/// <summary>
/// A test class's own real collector over HTTP, started with the example configuration mounted as the operator
/// writes it (file mode), and stopped with its folder after the test.
/// </summary>
public abstract class MountedCollector : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    protected CollectorServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CollectorServer.StartMountedAsync(_dir, TestConfig.Example());

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
