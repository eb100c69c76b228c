using System.Collections.Immutable;
using Explorer.Protocols.Common;
using Microsoft.AspNetCore.Components;

namespace Explorer.Web.Components.Shared;

/// <summary>
/// The centerpiece: each <see cref="ByteLayer"/> of a <see cref="RawView"/> as a hex dump, its annotations listed
/// next to it. Hovering or selecting an annotation highlights its bytes; hovering or clicking a byte highlights the
/// annotations that cover it (and their bytes). Pure Blazor state and CSS classes; all chain text is encoded.
/// </summary>
public partial class RawBytesView
{
    public const int BytesPerRow = 16;

    private static readonly string[] HexByte = Enumerable.Range(0, 256).Select(b => b.ToString("x2")).ToArray();

    private ImmutableArray<LayerModel> _layers = [];
    private ImmutableArray<int> _orphans = [];
    private RawView? _view;

    private int? _hoverAnnotation;
    private int? _selectedAnnotation;
    private (int Layer, int Offset)? _hoverByte;
    private (int Layer, int Offset)? _selectedByte;
    private readonly HashSet<int> _expanded = [];

    // Recomputed before each render from the four state fields above.
    private HashSet<int> _active = [];
    private bool[][] _highlighted = [];

    [Parameter, EditorRequired]
    public RawView View { get; set; } = RawView.Empty;

    /// <summary>Bytes shown per layer before a "show all" button.</summary>
    [Parameter]
    public int MaxBytesShown { get; set; } = 2048;

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_view, View)) return;
        _view = View;
        _hoverAnnotation = _selectedAnnotation = null;
        _hoverByte = _selectedByte = null;
        _expanded.Clear();

        var annotations = View.Annotations.IsDefault ? [] : View.Annotations;
        var layers = View.Layers.IsDefault ? [] : View.Layers;
        var models = layers.Select((layer, i) => LayerModel.Build(i, layer, annotations)).ToImmutableArray();
        var placed = models.SelectMany(m => m.Annotations).ToHashSet();
        _orphans = Enumerable.Range(0, annotations.Length).Where(i => !placed.Contains(i)).ToImmutableArray();
        _layers = models;
    }

    private Annotation AnnotationAt(int index) => View.Annotations[index];

    private void ComputeHighlights()
    {
        var active = new HashSet<int>();
        if (_hoverAnnotation is { } h) active.Add(h);
        if (_selectedAnnotation is { } s) active.Add(s);
        foreach (var b in new[] { _hoverByte, _selectedByte })
        {
            if (b is { } at) active.UnionWith(_layers[at.Layer].Covering[at.Offset]);
        }

        var highlighted = _layers.Select(l => new bool[l.Bytes.Length]).ToArray();
        foreach (var index in active)
        {
            var annotation = AnnotationAt(index);
            foreach (var layer in _layers.Where(l => l.Name == annotation.Layer))
            {
                var (start, end) = layer.Clip(annotation);
                for (var i = start; i < end; i++) highlighted[layer.Index][i] = true;
            }
        }
        _active = active;
        _highlighted = highlighted;
    }

    private string ByteClass(LayerModel layer, int offset)
    {
        var cls = "rb-byte";
        if (layer.Covering[offset].Length > 0) cls += " rb-covered";
        if (_highlighted[layer.Index][offset]) cls += " rb-hl";
        if (_selectedByte == (layer.Index, offset)) cls += " rb-focus";
        return cls;
    }

    private string AnnotationClass(int index)
    {
        var cls = "rb-ann";
        if (_active.Contains(index)) cls += " rb-ann-active";
        if (_selectedAnnotation == index) cls += " rb-ann-selected";
        return cls;
    }

    private void HoverAnnotation(int index) => _hoverAnnotation = index;

    private void LeaveAnnotation(int index)
    {
        if (_hoverAnnotation == index) _hoverAnnotation = null;
    }

    private void SelectAnnotation(int index)
    {
        _selectedAnnotation = _selectedAnnotation == index ? null : index;
        _selectedByte = null;
    }

    private void HoverByte(int layer, int offset) => _hoverByte = (layer, offset);

    private void LeaveByte(int layer, int offset)
    {
        if (_hoverByte == (layer, offset)) _hoverByte = null;
    }

    private void SelectByte(int layer, int offset)
    {
        _selectedByte = _selectedByte == (layer, offset) ? null : (layer, offset);
        _selectedAnnotation = null;
    }

    private void Expand(int layer) => _expanded.Add(layer);

    private int ShownBytes(LayerModel layer) =>
        _expanded.Contains(layer.Index) ? layer.Bytes.Length : Math.Min(layer.Bytes.Length, MaxBytesShown);

    // Row offsets in decimal, as the annotation ranges ("@196–239") and the API's raw offsets give them: a hex row
    // offset ("00c0") next to a decimal range was easy to misread. Zero-padded to the layer's widest offset.
    private static string OffsetText(LayerModel layer, int row) =>
        row.ToString("D" + Math.Max(4, (layer.Bytes.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length),
            System.Globalization.CultureInfo.InvariantCulture);

    // A field of no bytes (an empty metadata, a string of length 0) is a place, not a range: "@14–13" read backwards.
    private static string RangeText(Annotation a) => a.Length switch
    {
        <= 0 => $"@{a.Offset} (0 bytes)",
        1 => $"@{a.Offset}",
        _ => $"@{a.Offset}–{a.Offset + a.Length - 1}",
    };

    /// <summary>A layer's bytes and, for each byte, the indexes of the annotations covering it.</summary>
    private sealed record LayerModel(
        int Index,
        string Name,
        string? Asm,
        byte[] Bytes,
        string? HexProblem,
        ImmutableArray<int> Annotations,
        ImmutableArray<int>[] Covering)
    {
        public static LayerModel Build(int index, ByteLayer layer, ImmutableArray<Annotation> annotations)
        {
            byte[] bytes;
            string? problem = null;
            try
            {
                bytes = Convert.FromHexString(layer.Hex);
            }
            catch (FormatException)
            {
                bytes = [];
                problem = "this layer's hex is malformed";
            }
            var mine = Enumerable.Range(0, annotations.Length).Where(i => annotations[i].Layer == layer.Name).ToImmutableArray();
            var covering = new List<int>[bytes.Length];
            foreach (var i in mine)
            {
                var a = annotations[i];
                var start = Math.Clamp(a.Offset, 0, bytes.Length);
                var end = Math.Clamp((long)a.Offset + Math.Max(a.Length, 0), start, bytes.Length);
                for (var b = start; b < end; b++) (covering[b] ??= []).Add(i);
            }
            var cover = covering.Select(c => c is null ? ImmutableArray<int>.Empty : [.. c]).ToArray();
            return new LayerModel(index, layer.Name, layer.Asm, bytes, problem, mine, cover);
        }

        public (int Start, int End) Clip(Annotation a)
        {
            var start = Math.Clamp(a.Offset, 0, Bytes.Length);
            var end = (int)Math.Clamp((long)a.Offset + Math.Max(a.Length, 0), start, Bytes.Length);
            return (start, end);
        }

        public bool InRange(Annotation a) => a.Offset >= 0 && a.Length >= 0 && (long)a.Offset + a.Length <= Bytes.Length;
    }
}
