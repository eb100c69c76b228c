using System.Text;

namespace Explorer.Storage.Migrations;

/// <summary>
/// Splits a migration file into statements at top-level semicolons: ClickHouse's HTTP interface runs one
/// statement per request. Semicolons inside quotes ('...', "...", `...`) and comments (-- and /* */) do not split.
/// </summary>
public static class SqlScript
{
    public static IReadOnlyList<string> Split(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statements = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end; // comments are dropped; the newline is kept
                continue;
            }
            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new FormatException("unterminated /* comment in migration");
                i = end + 2;
                current.Append(' ');
                continue;
            }
            if (c is '\'' or '"' or '`')
            {
                var start = i++;
                while (i < sql.Length && sql[i] != c)
                    i += sql[i] == '\\' ? 2 : 1;
                if (i >= sql.Length) throw new FormatException($"unterminated {c} quote in migration");
                current.Append(sql, start, i - start + 1);
                i++;
                continue;
            }
            if (c == ';')
            {
                Flush();
                i++;
                continue;
            }
            current.Append(c);
            i++;
        }
        Flush();
        return statements;

        void Flush()
        {
            var text = current.ToString().Trim();
            if (text.Length > 0) statements.Add(text);
            current.Clear();
        }
    }
}
