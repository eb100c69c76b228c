using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Explorer.Storage.Migrations;

/// <summary>One numbered migration file <c>NNN_name.sql</c> with the SHA-256 of its text (line endings normalised).</summary>
public sealed partial record Migration(int Version, string Name, string Sql, string Checksum)
{
    [GeneratedRegex(@"^(?<version>\d{3,})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();

    public static bool TryParseFileName(string fileName, out int version, out string name)
    {
        var m = FileNamePattern().Match(fileName);
        version = m.Success ? int.Parse(m.Groups["version"].Value, CultureInfo.InvariantCulture) : 0;
        name = m.Success ? m.Groups["name"].Value : string.Empty;
        return m.Success;
    }

    public static Migration FromText(int version, string name, string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalised));
        return new Migration(version, name, normalised, Convert.ToHexStringLower(hash));
    }

    /// <summary>Reads every migration of a folder, ordered by version; refuses stray or duplicate numbers.</summary>
    public static IReadOnlyList<Migration> LoadFolder(string path)
    {
        if (!Directory.Exists(path))
            throw new MigrationException($"migrations folder '{path}' does not exist");
        var list = new List<Migration>();
        foreach (var file in Directory.EnumerateFiles(path, "*.sql"))
        {
            var fileName = Path.GetFileName(file);
            if (!TryParseFileName(fileName, out var version, out var name))
                throw new MigrationException($"migration file '{fileName}' is not named NNN_lowercase_name.sql");
            list.Add(FromText(version, name, File.ReadAllText(file)));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < list.Count; i++)
            if (list[i].Version == list[i - 1].Version)
                throw new MigrationException($"two migrations share number {list[i].Version:D3}: {list[i - 1].Name} and {list[i].Name}");
        return list;
    }
}
