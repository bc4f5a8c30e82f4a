using System.Globalization;
using SmeAi.ML.Datasets;
using SmeAi.ML.Features;

namespace SmeAi.Evaluation.Datasets;

/// <summary>NSL-KDD connection records encoded as model rows; <see cref="Labels"/> is true for an attack.</summary>
public sealed record NslKddData(FeatureSchema Schema, IReadOnlyList<float[]> Rows, IReadOnlyList<bool> Labels, IReadOnlyList<string> AttackNames, IReadOnlyList<string> Services);

/// <summary>
/// Reads <c>nsl-kdd/KDDTrain+_20Percent.txt</c> (no header; 41 features, <c>attack_label</c>, <c>difficulty_level</c>).
/// The 38 numeric features are kept, with the heavy-tailed byte counts and duration as <c>log(1 + x)</c> so a few huge
/// transfers do not dominate the standardisation; <c>protocol_type</c>, <c>service</c> and <c>flag</c> are one-hot over
/// fixed category lists (an unseen category leaves its group all zero), so the schema never depends on the data.
/// <c>difficulty_level</c> is not a feature.
/// </summary>
public static class NslKdd
{
    public const string Folder = "nsl-kdd";
    public const string FileName = "KDDTrain+_20Percent.txt";
    public const string NormalLabel = "normal";

    private const int FeatureColumns = 41;
    private const int LabelColumn = 41;

    private static readonly string[] _columns =
    [
        "duration", "protocol_type", "service", "flag", "src_bytes", "dst_bytes", "land", "wrong_fragment", "urgent", "hot",
        "num_failed_logins", "logged_in", "num_compromised", "root_shell", "su_attempted", "num_root", "num_file_creations",
        "num_shells", "num_access_files", "num_outbound_cmds", "is_host_login", "is_guest_login", "count", "srv_count",
        "serror_rate", "srv_serror_rate", "rerror_rate", "srv_rerror_rate", "same_srv_rate", "diff_srv_rate",
        "srv_diff_host_rate", "dst_host_count", "dst_host_srv_count", "dst_host_same_srv_rate", "dst_host_diff_srv_rate",
        "dst_host_same_src_port_rate", "dst_host_srv_diff_host_rate", "dst_host_serror_rate", "dst_host_srv_serror_rate",
        "dst_host_rerror_rate", "dst_host_srv_rerror_rate",
    ];

    private static readonly HashSet<string> _logScaled = new(StringComparer.Ordinal) { "duration", "src_bytes", "dst_bytes" };

    private static readonly (int Column, string Name, string[] Categories)[] _categorical =
    [
        (1, "protocol_type", ["tcp", "udp", "icmp"]),
        (2, "service",
        [
            "http", "private", "domain_u", "smtp", "ftp_data", "eco_i", "other", "ecr_i", "telnet", "finger", "ftp", "auth",
            "Z39_50", "courier", "uucp", "time", "bgp", "whois", "imap4", "uucp_path", "iso_tsap", "ctf", "urp_i", "nnsp",
            "supdup", "http_443", "csnet_ns", "efs", "gopher", "domain", "vmnet", "daytime", "discard", "hostnames", "name",
            "klogin", "exec", "mtp", "ldap", "systat", "netbios_dgm", "link", "login", "netstat", "netbios_ns", "sunrpc",
            "netbios_ssn", "kshell", "echo", "nntp", "ssh", "pop_3", "sql_net", "IRC", "ntp_u", "X11", "rje", "remote_job",
            "pop_2", "printer", "shell", "urh_i", "red_i", "pm_dump", "tim_i", "http_8001", "aol", "harvest", "http_2784", "tftp_u",
        ]),
        (3, "flag", ["SF", "S0", "REJ", "RSTR", "RSTO", "SH", "S1", "S2", "RSTOS0", "S3", "OTH"]),
    ];

    private static readonly int[] _numericColumns = [.. Enumerable.Range(0, FeatureColumns).Where(c => _categorical.All(g => g.Column != c))];

    public static FeatureSchema Schema { get; } = new(
        "nsl-kdd",
        1,
        _numericColumns.Select(c => _logScaled.Contains(_columns[c]) ? $"log_{_columns[c]}" : _columns[c])
            .Concat(_categorical.SelectMany(g => g.Categories.Select(category => $"{g.Name}={category}"))));

    public static NslKddData Load(string datasetsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetsDirectory);
        using var reader = new StreamReader(Path.Combine(datasetsDirectory, Folder, FileName));
        return Load(reader);
    }

    public static NslKddData Load(TextReader reader)
    {
        var rows = new List<float[]>();
        var labels = new List<bool>();
        var names = new List<string>();
        var services = new List<string>();
        var line = 0;
        foreach (var fields in CsvReader.ReadRows(reader))
        {
            line++;
            if (fields.Length < FeatureColumns + 1)
            {
                throw new InvalidDataException($"NSL-KDD line {line} has {fields.Length} fields; at least {FeatureColumns + 1} are expected.");
            }

            var row = new float[Schema.Count];
            var position = 0;
            foreach (var column in _numericColumns)
            {
                var value = double.Parse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture);
                row[position++] = (float)(_logScaled.Contains(_columns[column]) ? Math.Log(1 + Math.Max(0, value)) : value);
            }

            foreach (var (column, _, categories) in _categorical)
            {
                var index = Array.IndexOf(categories, fields[column].Trim());
                if (index >= 0)
                {
                    row[position + index] = 1f;
                }

                position += categories.Length;
            }

            var attack = fields[LabelColumn].Trim();
            rows.Add(row);
            names.Add(attack);
            labels.Add(!string.Equals(attack, NormalLabel, StringComparison.Ordinal));
            services.Add(fields[2].Trim());
        }

        return new NslKddData(Schema, rows, labels, names, services);
    }
}
