using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Explorer.ClickHouse.Embedded;

/// <summary>The host's command line: <c>--port P --path DIR</c> (port 8123 and ./.data/clickhouse by default; .data/ is git-ignored).</summary>
public sealed record HostArguments(int Port, string DataPath)
{
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out HostArguments? arguments, out string problem)
    {
        var port = 8123;
        var path = Path.Combine(".data", "clickhouse");
        arguments = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when value is not null:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    {
                        problem = $"invalid port '{value}'";
                        return false;
                    }

                    i++;
                    break;
                case "--path" when value is not null:
                    path = value;
                    i++;
                    break;
                default:
                    problem = $"unexpected argument '{args[i]}'";
                    return false;
            }
        }

        problem = string.Empty;
        arguments = new HostArguments(port, path);
        return true;
    }
}
