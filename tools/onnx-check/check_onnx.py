#!/usr/bin/env python3
"""Validate an exported TinyODE ONNX graph with implementations that are not ours.

Usage: /usr/bin/python3 tools/onnx-check/check_onnx.py MODEL.onnx FIXTURE_DIR [MODEL2.onnx FIXTURE_DIR2 ...]

Per model: (1) onnx.checker.check_model (with full shape inference) passes; (2) every evaluator below, run on the
fixture's inputs (written by `./tinyode model export-onnx --fixture-data ...`), gives logits within tolerance of the
fixture's logits (pure-Java float reference) and the same top-1 per image.

Evaluators (each one that runs must pass):
  opencv-dnn  OpenCV's DNN module (cv2.dnn.readNetFromONNX; C++, its own ONNX importer and CPU kernels, unrelated to
              the ONNX Runtime our Java engine uses). Always required: a missing cv2 is a failure. OpenCV 4.6
              (Debian 12) cannot import two of our node patterns, so the graph it gets is a rewritten in-memory
              copy (the exported file is never changed), see opencv_graph():
              - Gather with an [N, N] index tensor: 4.6's importer only accepts a scalar index
                (parseGather: indexMat.total() == 1). Both inputs are initializers, so the weight-only chain
                Gather, Gather, Add, Transpose (relative-position table) is folded into one initializer with numpy
                (np.take, one float32 add, a transpose: exact, nothing depends on the image);
              - MatMul with a constant operand of rank > 2 (the broadcast [B,heads,N,1,d] x [heads,N,d,N] position
                product): 4.6 turns a constant MatMul operand into a fully-connected weight via cv::transpose, which
                asserts dims <= 2. Rewritten as the same batched product in OpenCV: Reshape to [B, heads*N*d, 1, 1],
                1x1 Conv with group = heads*N whose weights are the constant's elements, Reshape back.
              Everything that depends on the image runs in OpenCV.
  onnx.reference.ReferenceEvaluator  when the installed onnx has it (onnx >= 1.13; Debian 12 ships 1.12).
  numpy-ours  only when ReferenceEvaluator is missing: our ~80-line numpy interpreter of the 13 operators the
              exporter emits (float64, from the ONNX operator documentation). Not independent of us, but it is the
              only evaluator here that runs the graph exactly as exported (no rewrite) on Debian 12.

Self-test (always, per model): the same comparison must FAIL on (a) the fixture with one logit moved by 10x the
tolerance and (b) OpenCV's output for the graph with one weight perturbed (one row of mhsa.rel_h, which goes through
both rewrites). If either still passes, the check is not live and the run fails.

Prints which evaluators ran, max |diff| per model and evaluator, and ends with "N passed, N failed"; exit 1 on any
failure.
"""
import json
import os
import sys
import time

import numpy as np
import onnx
from onnx import helper, numpy_helper, shape_inference

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



# ---------------------------------------------------------------------------------------------- OpenCV DNN
def _dims(model):
    """Static dims (None if symbolic) of every value, from onnx shape inference."""
    inferred = shape_inference.infer_shapes(model).graph
    return {v.name: [d.dim_value if d.HasField("dim_value") else None for d in v.type.tensor_type.shape.dim]
            for v in list(inferred.value_info) + list(inferred.input) + list(inferred.output)}


def opencv_graph(model):
    """An in-memory copy of `model` that OpenCV 4.6's importer accepts (see the module doc), and what was changed."""
    m = onnx.ModelProto()
    m.CopyFrom(model)
    dims = _dims(model)
    consts = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    nodes, notes = [], []

    def add_const(name, value):
        consts[name] = value
        m.graph.initializer.append(numpy_helper.from_array(value, name))

    for n in m.graph.node:
        a = _attrs(n)
        if n.op_type in ("Gather", "Add", "Transpose") and all(x in consts for x in n.input):
            i = [consts[x] for x in n.input]
            if n.op_type == "Gather":
                y = np.take(i[0], i[1], axis=a.get("axis", 0))
            elif n.op_type == "Add":
                y = i[0] + i[1]
            else:
                y = np.transpose(i[0], a["perm"])
            add_const(n.output[0], np.ascontiguousarray(y))
            notes.append("folded weight-only %s %s" % (n.op_type, n.output[0]))
        elif n.op_type == "MatMul" and n.input[1] in consts and consts[n.input[1]].ndim > 2:
            b = consts[n.input[1]]
            batch, (k, mm) = list(b.shape[:-2]), b.shape[-2:]
            g = int(np.prod(batch))
            a_dims = dims.get(n.input[0])
            if a_dims is None or a_dims[1:] != batch + [1, k]:
                raise ValueError("opencv rewrite: MatMul %s: A %s does not match [B, %s, 1, %d]"
                                 % (n.output[0], a_dims, batch, k))
            out = n.output[0]
            # group (p) of the 1x1 Conv reads channels p*k .. p*k+k-1 (= A[b, p, 0, :]) and writes channels
            # p*mm .. p*mm+mm-1 with weight[p*mm + j, c] = b[p, c, j]: exactly MatMul's batched product.
            add_const(out + "/cv_in_shape", np.array([0, g * k, 1, 1], np.int64))
            add_const(out + "/cv_weight", np.ascontiguousarray(
                np.transpose(b.reshape(g, k, mm), (0, 2, 1))).reshape(g * mm, k, 1, 1))
            add_const(out + "/cv_out_shape", np.array([0] + batch + [1, mm], np.int64))
            nodes += [helper.make_node("Reshape", [n.input[0], out + "/cv_in_shape"], [out + "/cv_in"]),
                      helper.make_node("Conv", [out + "/cv_in", out + "/cv_weight"], [out + "/cv_conv"],
                                       group=g, kernel_shape=[1, 1]),
                      helper.make_node("Reshape", [out + "/cv_conv", out + "/cv_out_shape"], [out])]
            notes.append("MatMul %s (constant operand %s) -> Reshape, grouped 1x1 Conv (group %d), Reshape"
                         % (out, list(b.shape), g))
        else:
            nodes.append(n)
    del m.graph.node[:]
    m.graph.node.extend(nodes)
    return m, notes


def opencv_run(model, feeds):
    import cv2  # noqa: PLC0415 - optional at import time, required when run
    net = cv2.dnn.readNetFromONNX(np.frombuffer(opencv_graph(model)[0].SerializeToString(), np.uint8))
    net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
    net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
    (name, x), = feeds.items()
    net.setInput(np.ascontiguousarray(x, dtype=np.float32), name)
    return [net.forward(model.graph.output[0].name)]


def evaluators():
    """(name, run) pairs; OpenCV first. Its absence is reported by main() as a failure."""
    out = []
    try:
        import cv2  # noqa: PLC0415
        out.append(("opencv-dnn", "OpenCV %s cv2.dnn.readNetFromONNX (C++)" % cv2.__version__, opencv_run))
    except ImportError as e:
        out.append(("opencv-dnn", "MISSING (%s): install Debian python3-opencv" % e, None))
    try:
        from onnx.reference import ReferenceEvaluator  # noqa: PLC0415 - onnx >= 1.13
        out.append(("onnx-reference", "onnx.reference.ReferenceEvaluator (onnx %s)" % onnx.__version__,
                    lambda m, feeds: ReferenceEvaluator(m).run(None, feeds)))
    except ImportError:
        out.append(("numpy-ours", "numpy interpreter of tools/onnx-check, float64 (onnx %s has no "
                    "onnx.reference.ReferenceEvaluator)" % onnx.__version__, numpy_run))
    return out


# ---------------------------------------------------------------------------------------------- checks
def compare(got, want):
    """Per image: (ok, max|diff|, bound, top-1 got, top-1 want)."""
    rows = []
    for k in range(want.shape[0]):
        diff = float(np.abs(got[k] - want[k]).max())
        bound = RTOL * max(1.0, float(np.abs(want[k]).max()))
        g, w = int(got[k].argmax()), int(want[k].argmax())
        rows.append((diff <= bound and g == w, diff, bound, g, w))
    return rows


def load_fixture(fixture):
    meta = json.load(open(os.path.join(fixture, "fixture.json")))
    x = np.fromfile(os.path.join(fixture, "inputs.f32"), dtype="<f4").reshape(meta["inputShape"])
    want = np.fromfile(os.path.join(fixture, "logits.f32"), dtype="<f4").reshape(meta["logitsShape"])
    return meta, x, want.astype(np.float64)


def run_logits(run, model, x):
    return np.asarray(run(model, {model.graph.input[0].name: x})[0], dtype=np.float64)


def self_test(name, model, x, want, got_cv, results):
    """The comparison must reject a wrong fixture logit and a wrong weight; otherwise the check is not live."""
    k = 0
    bad = want.copy()
    c = (int(want[k].argmax()) + 1) % want.shape[1]   # a non-top-1 class: only the tolerance can catch it
    bad[k, c] += 10 * RTOL * max(1.0, float(np.abs(want[k]).max()))
    row = compare(got_cv, bad)[k]
    results.append((not row[0], "%s [self-test] fixture logit [%d, %d] moved by 10x the bound: opencv-dnn %s "
                    "(max|diff| %.3g, bound %.3g)" % (name, k, c, "rejects it" if not row[0] else
                                                      "STILL PASSES", row[1], row[2])))
    wname = "mhsa.rel_h"
    if not any(t.name == wname for t in model.graph.initializer):
        results.append((False, "%s [self-test] weight %s not in the graph" % (name, wname)))
        return
    bent = onnx.ModelProto()
    bent.CopyFrom(model)
    for t in bent.graph.initializer:
        if t.name == wname:
            w = numpy_helper.to_array(t).copy()
            # head 0, row offset 0 (keys in the query's own row). Shifting a whole head's table instead would
            # add the same amount to every key's logit, which softmax cancels exactly.
            w[0, w.shape[1] // 2] += 4.0
            t.CopyFrom(numpy_helper.from_array(w, wname))
    rows = compare(run_logits(opencv_run, bent, x), want)
    failed = sum(1 for r in rows if not r[0])
    results.append((failed > 0, "%s [self-test] weight %s[0, row offset 0] += 4: opencv-dnn rejects %d of %d images "
                    "(max|diff| %.3g)" % (name, wname, failed, len(rows), max(r[1] for r in rows))))


def check(model_path, fixture, evs, results, worst):
    model = onnx.load(model_path)
    name = os.path.basename(model_path)
    try:
        onnx.checker.check_model(model, full_check=True)
        results.append((True, "%s: onnx.checker.check_model(full_check=True) ok (opset %s, %d nodes)"
                        % (name, model.opset_import[0].version, len(model.graph.node))))
    except Exception as e:  # noqa: BLE001 - report every checker failure
        results.append((False, "%s: checker: %s" % (name, e)))
        return
    meta, x, want = load_fixture(fixture)
    got_cv = None
    for ev, _, run in evs:
        if run is None:
            results.append((False, "%s [%s]: evaluator missing" % (name, ev)))
            continue
        try:
            if ev == "opencv-dnn":
                notes = opencv_graph(model)[1]
                results.append((True, "%s [opencv-dnn]: rewritten copy for OpenCV 4.6: %s"
                                % (name, "; ".join(notes) if notes else "no change")))
            got = run_logits(run, model, x)
        except Exception as e:  # noqa: BLE001 - an import/run error is a failure of that evaluator
            results.append((False, "%s [%s]: %s" % (name, ev, str(e).strip().replace("\n", " | "))))
            continue
        if ev == "opencv-dnn":
            got_cv = got
        rows = compare(got, want)
        worst[(name, ev)] = max(r[1] for r in rows)
        for k, (ok, diff, bound, g, w) in enumerate(rows):
            results.append((ok, "%s [%s] %s max|diff| %.3g (bound %.3g), top-1 %d vs %d"
                            % (name, ev, meta["ids"][k], diff, bound, g, w)))
    if got_cv is not None:
        self_test(name, model, x, want, got_cv, results)


def main(argv):
    if len(argv) < 3 or len(argv) % 2 == 0:
        print(__doc__)
        return 2
    t0 = time.monotonic()
    evs = evaluators()
    print("onnx %s, numpy %s; evaluators: %s" % (onnx.__version__, np.__version__,
                                                 "; ".join("%s = %s" % (ev, how) for ev, how, _ in evs)))
    results, worst = [], {}
    for m, f in zip(argv[1::2], argv[2::2]):
        check(m, f, evs, results, worst)
    for ok, msg in results:
        print(("PASS " if ok else "FAIL ") + msg)
    for (name, ev), d in worst.items():
        print("max|diff| vs fixture: %s [%s] %.3g" % (name, ev, d))
    print("evaluators that ran: %s" % ", ".join(sorted({ev for _, ev in worst})))
    print("check_onnx.py took %.1f s" % (time.monotonic() - t0))
    passed = sum(1 for ok, _ in results if ok)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
