#!/usr/bin/env python3
"""Validate an exported TinyODE ONNX graph with an implementation that is not ours.

Usage: /usr/bin/python3 tools/onnx-check/check_onnx.py MODEL.onnx FIXTURE_DIR [MODEL2.onnx FIXTURE_DIR2 ...]

Per model: (1) onnx.checker.check_model (with full shape inference) passes; (2) the graph, run on the fixture's
inputs (written by `./tinyode model export-onnx --fixture-data ...`), gives logits within tolerance of the
fixture's logits (pure-Java float reference) and the same top-1 per image.

The evaluator is onnx.reference.ReferenceEvaluator when the installed onnx has it (onnx >= 1.13). Debian 12 ships
python3-onnx 1.12, which has no reference evaluator; then this script runs the graph with the small numpy
evaluator below, written from the ONNX operator documentation for exactly the operators the exporter emits
(float64 arithmetic). Prints which evaluator ran and ends with "N passed, N failed"; exit 1 on any failure.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper

# Relative tolerance on the logits: max |ours - theirs| <= RTOL * max(1, max |theirs|) per image.
RTOL = 1e-3


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _conv(x, w, b, a):
    k = a.get("kernel_shape", list(w.shape[2:]))
    s = a.get("strides", [1, 1])
    p = a.get("pads", [0, 0, 0, 0])
    assert a.get("group", 1) == 1 and list(a.get("dilations", [1, 1])) == [1, 1]
    xp = np.pad(x, ((0, 0), (0, 0), (p[0], p[2]), (p[1], p[3])))
    win = np.lib.stride_tricks.sliding_window_view(xp, (k[0], k[1]), axis=(2, 3))[:, :, ::s[0], ::s[1]]
    y = np.einsum("nchwij,ocij->nohw", win, w, optimize=True)
    return y + b.reshape(1, -1, 1, 1) if b is not None else y


def _maxpool(x, a):
    k = a["kernel_shape"]
    s = a.get("strides", [1, 1])
    p = a.get("pads", [0, 0, 0, 0])
    xp = np.pad(x, ((0, 0), (0, 0), (p[0], p[2]), (p[1], p[3])), constant_values=-np.inf)
    win = np.lib.stride_tricks.sliding_window_view(xp, (k[0], k[1]), axis=(2, 3))[:, :, ::s[0], ::s[1]]
    return win.max(axis=(4, 5))


def _reshape(x, shape):
    shape = [x.shape[i] if d == 0 else int(d) for i, d in enumerate(shape)]
    return x.reshape(shape)


def _softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _gemm(a_, b_, c_, at):
    a_ = a_.T if at.get("transA", 0) else a_
    b_ = b_.T if at.get("transB", 0) else b_
    return at.get("alpha", 1.0) * (a_ @ b_) + (at.get("beta", 1.0) * c_ if c_ is not None else 0)


def numpy_run(model, feeds):
    """Runs the graph's nodes in order (the format requires topological order)."""
    env = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    env = {k: (v.astype(np.float64) if v.dtype == np.float32 else v) for k, v in env.items()}
    env.update({k: v.astype(np.float64) for k, v in feeds.items()})
    for n in model.graph.node:
        i = [env[name] if name else None for name in n.input]
        a = _attrs(n)
        op = n.op_type
        if op == "Conv":
            y = _conv(i[0], i[1], i[2] if len(i) > 2 else None, a)
        elif op == "Relu":
            y = np.maximum(i[0], 0)
        elif op == "MaxPool":
            y = _maxpool(i[0], a)
        elif op == "Add":
            y = i[0] + i[1]
        elif op == "Mul":
            y = i[0] * i[1]
        elif op == "MatMul":
            y = np.matmul(i[0], i[1])
        elif op == "Reshape":
            y = _reshape(i[0], i[1])
        elif op == "Transpose":
            y = np.transpose(i[0], a["perm"])
        elif op == "Gather":
            y = np.take(i[0], i[1], axis=a.get("axis", 0))
        elif op == "Softmax":
            y = _softmax(i[0], a.get("axis", -1))
        elif op == "GlobalAveragePool":
            y = i[0].mean(axis=(2, 3), keepdims=True)
        elif op == "Flatten":
            ax = a.get("axis", 1)
            y = i[0].reshape(int(np.prod(i[0].shape[:ax])), -1)
        elif op == "Gemm":
            y = _gemm(i[0], i[1], i[2] if len(i) > 2 else None, a)
        else:
            raise ValueError("numpy evaluator: operator %s not implemented" % op)
        env[n.output[0]] = y
    return [env[o.name] for o in model.graph.output]


def evaluator():
    try:
        from onnx.reference import ReferenceEvaluator  # onnx >= 1.13
        return "onnx.reference.ReferenceEvaluator", lambda m, feeds: ReferenceEvaluator(m).run(None, feeds)
    except ImportError:
        return "numpy evaluator of tools/onnx-check (onnx %s has no onnx.reference)" % onnx.__version__, numpy_run


def check(model_path, fixture, run, results):
    model = onnx.load(model_path)
    name = os.path.basename(model_path)
    try:
        onnx.checker.check_model(model, full_check=True)
        results.append((True, "%s: onnx.checker.check_model(full_check=True) ok (opset %s, %d nodes)"
                        % (name, model.opset_import[0].version, len(model.graph.node))))
    except Exception as e:  # noqa: BLE001 - report every checker failure
        results.append((False, "%s: checker: %s" % (name, e)))
        return
    meta = json.load(open(os.path.join(fixture, "fixture.json")))
    x = np.fromfile(os.path.join(fixture, "inputs.f32"), dtype="<f4").reshape(meta["inputShape"])
    want = np.fromfile(os.path.join(fixture, "logits.f32"), dtype="<f4").reshape(meta["logitsShape"])
    got = np.asarray(run(model, {model.graph.input[0].name: x})[0], dtype=np.float64)
    for k in range(meta["count"]):
        diff = float(np.abs(got[k] - want[k]).max())
        bound = RTOL * max(1.0, float(np.abs(want[k]).max()))
        same = int(got[k].argmax()) == int(want[k].argmax())
        ok = diff <= bound and same
        results.append((ok, "%s: %s max|diff| %.3g (bound %.3g), top-1 %d vs %d"
                        % (name, meta["ids"][k], diff, bound, got[k].argmax(), want[k].argmax())))


def main(argv):
    if len(argv) < 3 or len(argv) % 2 == 0:
        print(__doc__)
        return 2
    how, run = evaluator()
    print("onnx %s, numpy %s, evaluator: %s" % (onnx.__version__, np.__version__, how))
    results = []
    for m, f in zip(argv[1::2], argv[2::2]):
        check(m, f, run, results)
    for ok, msg in results:
        print(("PASS " if ok else "FAIL ") + msg)
    passed = sum(1 for ok, _ in results if ok)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
