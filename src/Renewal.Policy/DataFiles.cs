using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Renewal.Policy;

/// <summary>The data files embedded in this assembly (catalogues, programme targets): reading them and their YAML.</summary>
internal static class DataFiles
{
    /// <summary>The text of the embedded resource <paramref name="resource"/>, e.g. <c>Renewal.Policy.Kunshan2024.Programme.programme-targets.yaml</c>.</summary>
    public static string Embedded(string resource)
    {
        using var stream = typeof(DataFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded {resource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The root mapping of <paramref name="yaml"/>, or null when the document is empty or not a mapping.</summary>
    /// <exception cref="FormatException">Malformed YAML; the message names the file and line.</exception>
    public static YamlMappingNode? RootMapping(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new FormatException($"{file} 第 {e.Start.Line} 行：YAML 格式错误：{e.Message}", e);
        }
        return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
    }
}
