namespace GridMeter.Server.Health;

/// <summary>Becomes ready once the schema is migrated; /health answers 503 until then.</summary>
public sealed class StorageReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
