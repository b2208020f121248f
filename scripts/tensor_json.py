"""Tensors as JSON, the way every rnnlab fixture and model file writes them.

A tensor is {"shape": [..], "data": [.. row-major floats ..]}. Floats are written with 9 significant
digits, which is enough for a float32 to come back bit for bit. `dumps` keeps a file diffable but compact:
a container holding only numbers, strings and flat lists (a tensor, an options object) stays on one line,
anything deeper is spread over lines.

Imported by the generators in tests/fixtures and by the torch interop scripts; it has no command line.
"""
import math

import torch


def tensor_to_json(tensor):
    """torch tensor -> {"shape": [...], "data": [...]} (float32, row-major)."""
    tensor = tensor.detach().to(torch.float32).contiguous()
    return {"shape": list(tensor.shape), "data": tensor.reshape(-1).tolist()}


def tensor_from_json(obj, what="tensor"):
    """{"shape": [...], "data": [...]} -> float32 torch tensor; `what` names the field in error messages."""
    if not isinstance(obj, dict) or set(obj.keys()) != {"shape", "data"}:
        keys = sorted(obj.keys()) if isinstance(obj, dict) else type(obj).__name__
        raise ValueError('%s: got %s, expected an object with exactly the keys "shape" and "data"' % (what, keys))
    shape, data = obj["shape"], obj["data"]
    if not isinstance(shape, list) or not all(_is_int(n) and n >= 0 for n in shape):
        raise ValueError("%s.shape: got %r, expected a list of non-negative integers" % (what, shape))
    if not isinstance(data, list):
        raise ValueError("%s.data: got %s, expected a list of numbers" % (what, type(data).__name__))
    count = math.prod(shape)
    if len(data) != count:
        raise ValueError("%s.data: got %d numbers, expected %d for shape %s" % (what, len(data), count, shape))
    for i, x in enumerate(data):
        if not _is_number(x) or not math.isfinite(x):
            raise ValueError("%s.data[%d]: got %r, expected a finite number" % (what, i, x))
    return torch.tensor(data, dtype=torch.float32).reshape(shape)


def format_float(x):
    """9 significant digits: the shortest width at which every float32 round-trips.

    A whole number keeps a ".0" so that a float never reads back as an integer (0.0, not 0).
    """
    if not math.isfinite(x):
        raise ValueError("cannot write %r to JSON" % x)
    text = "%.9g" % x
    if text.lstrip("-").isdigit():
        text += ".0"
    return text


def dumps(obj, indent=0):
    """JSON text with floats in 9 digits; flat containers on one line, nested ones spread out."""
    pad = "  " * indent
    inner = "  " * (indent + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = ['"%s": %s' % (_check_key(k), dumps(v, indent + 1)) for k, v in obj.items()]
        if _is_flat(obj):
            return "{" + ", ".join(items) + "}"
        return "{\n" + ",\n".join(inner + item for item in items) + "\n" + pad + "}"
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        items = [dumps(v, indent + 1) for v in obj]
        if _is_flat(obj):
            return "[" + ", ".join(items) + "]"
        return "[\n" + ",\n".join(inner + item for item in items) + "\n" + pad + "]"
    return _scalar(obj)


def write(path, obj):
    with open(path, "w") as f:
        f.write(dumps(obj) + "\n")


def _scalar(x):
    if x is None:
        return "null"
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        return format_float(x)
    if isinstance(x, str):
        # Our strings are names and keys: plain ASCII with nothing to escape.
        return '"%s"' % _check_key(x)
    raise TypeError("cannot write %s to JSON" % type(x).__name__)


def _check_key(s):
    if not isinstance(s, str) or any(c in s for c in '"\\\n') or not s.isascii():
        raise ValueError("unsupported JSON string %r" % (s,))
    return s


def _is_flat(container):
    """A container of scalars and lists of scalars (a tensor, options, a shape) fits on one line."""
    values = container.values() if isinstance(container, dict) else container
    for v in values:
        if isinstance(v, dict):
            return False
        if isinstance(v, (list, tuple)) and any(isinstance(u, (dict, list, tuple)) for u in v):
            return False
    return True


def _is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)
