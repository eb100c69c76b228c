namespace Explorer.Storage.Migrations;

/// <summary>A migration cannot be applied: a bad file, or an applied file that was edited afterwards.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException(string message) : base(message) { }
    public MigrationException(string message, Exception inner) : base(message, inner) { }
    public MigrationException() { }
}
