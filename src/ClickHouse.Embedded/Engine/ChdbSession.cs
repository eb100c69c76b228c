using System.Text;
using System.Text.RegularExpressions;

namespace Explorer.ClickHouse.Embedded.Engine;

/// <summary>
/// Serializes every statement onto the process's one <see cref="ChdbConnection"/> (a connection "runs one statement at
/// a time"). The connection's session state — current database and settings — is made to match each request before it
/// runs, because over HTTP every request stands alone: its <c>database</c> and settings apply to it only.
/// </summary>
internal sealed partial class ChdbSession : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ChdbConnection connection;
    private readonly Dictionary<string, string> appliedSettings = new(StringComparer.Ordinal);
    private string? currentDatabase;
    private bool disposed;

    private ChdbSession(ChdbConnection connection)
    {
        this.connection = connection;
        using var result = connection.Query("SELECT version(), timezone()"u8, "TabSeparated", []);
        if (result.Error is { } error)
        {
            throw new ChdbException(error);
        }

        var fields = Encoding.UTF8.GetString(result.Slice(0, (int)result.Length)).TrimEnd('\n').Split('\t');
        Version = fields[0];
        Timezone = fields[1];
    }

    /// <summary>The engine's version, e.g. 26.7.2.1, as <c>SELECT version()</c> reports it.</summary>
    public string Version { get; }

    /// <summary>The engine's time zone (<c>X-ClickHouse-Timezone</c>).</summary>
    public string Timezone { get; }

    public string DataPath => connection.DataPath;

    public static ChdbSession Open(string dataPath)
    {
        var connection = ChdbConnection.Open(dataPath);
        try
        {
            return new ChdbSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the connection; dispose the lease to release it.</summary>
    public async Task<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        if (disposed)
        {
            gate.Release();
            throw new ObjectDisposedException(nameof(ChdbSession));
        }

        return new Lease(this);
    }

    /// <summary>Waits for running statements to finish, then closes the connection.</summary>
    public void Dispose()
    {
        gate.Wait();
        try
        {
            if (!disposed)
            {
                disposed = true;
                connection.Dispose();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Backtick-quotes an identifier (ClickHouse escapes backslash and backtick with a backslash).</summary>
    public static string QuoteIdentifier(string name)
        => "`" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "`";

    private static string QuoteString(string value)
        => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private void UseDatabase(string database)
    {
        if (currentDatabase == database)
        {
            return;
        }

        currentDatabase = null;
        connection.Execute("USE " + QuoteIdentifier(database));
        currentDatabase = database;
    }

    private void ApplySettings(IReadOnlyDictionary<string, string> settings)
    {
        var changes = new List<string>();
        foreach (var (name, value) in settings)
        {
            if (!SettingName().IsMatch(name))
            {
                throw new ChdbException(ServerError.Create(115, "UNKNOWN_SETTING", $"Unknown setting '{name}'"));
            }

            if (!appliedSettings.TryGetValue(name, out var applied) || applied != value)
            {
                changes.Add($"{name} = {QuoteString(value)}");
            }
        }

        var toReset = appliedSettings.Keys.Where(name => !settings.ContainsKey(name)).ToList();
        changes.AddRange(toReset.Select(name => name + " = DEFAULT"));
        if (changes.Count == 0)
        {
            return;
        }

        try
        {
            connection.Execute("SET " + string.Join(", ", changes));
        }
        catch (ChdbException)
        {
            // Part of the SET may have applied; put every touched setting back to its default before reporting.
            foreach (var name in settings.Keys.Concat(appliedSettings.Keys).Distinct().Where(n => SettingName().IsMatch(n)))
            {
                try
                {
                    connection.Execute($"SET {name} = DEFAULT");
                }
                catch (ChdbException)
                {
                    // An unknown name cannot have been applied.
                }
            }

            appliedSettings.Clear();
            throw;
        }

        foreach (var name in toReset)
        {
            appliedSettings.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            appliedSettings[name] = value;
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")] // \z, not $: "$" also matches before a final newline
    private static partial Regex SettingName();

    /// <summary>Exclusive use of the connection for one request.</summary>
    public sealed class Lease : IDisposable
    {
        private ChdbSession? session;

        internal Lease(ChdbSession session)
        {
            this.session = session;
        }

        private ChdbSession Session => session ?? throw new ObjectDisposedException(nameof(Lease));

        /// <summary>Makes the connection's database and settings those of the request.</summary>
        public void Prepare(string database, IReadOnlyDictionary<string, string> settings)
        {
            Session.UseDatabase(database);
            Session.ApplySettings(settings);
        }

        public ChdbResult Query(ReadOnlySpan<byte> sql, string format, IReadOnlyList<QueryParameter> parameters)
            => Session.connection.Query(sql, format, parameters);

        public ChdbInsertStream BeginInsert(ReadOnlySpan<byte> statement, string format, IReadOnlyList<QueryParameter> parameters)
            => Session.connection.BeginInsert(statement, format, parameters);

        /// <summary>The statement may have changed the current database (USE); re-check it next time.</summary>
        public void ForgetDatabase() => Session.currentDatabase = null;

        public void Dispose()
        {
            var toRelease = Interlocked.Exchange(ref session, null);
            toRelease?.gate.Release();
        }
    }
}
