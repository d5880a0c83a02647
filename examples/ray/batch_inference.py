#!/usr/bin/env python3
"""Batch inference with Ray Data over a cnnc library (docs/scaling.md).

Each Ray worker loads the compiled library once (the callable class's __init__) and runs
every batch Ray hands it; `threads` is the OpenMP threads per worker. Any batch size works.

    cnnc compile examples/digits/net.json -o /tmp/libdigits.so
    python3 examples/ray/batch_inference.py /tmp/libdigits.so examples/digits/test_images.npy \
        --batch-size 64 --workers 2 --threads 1 --out /tmp/probabilities.npy

Needs `pip install ./python "ray[data]"`.
"""

import argparse

import numpy as np


class CnncPredictor:
    """A callable class for `Dataset.map_batches`: one library and session per worker."""

    def __init__(self, library, threads=1):
        import cnnc

        self.model = cnnc.load(library, threads=threads)
        self.input = self.model.inputs[0].name

    def __call__(self, batch):
        outputs = self.model.run({self.input: np.ascontiguousarray(batch[self.input], dtype=np.float32)})
        return {"index": batch["index"], **outputs}


def predict(library, images, batch_size=64, workers=2, threads=1, input_name="image"):
    """Runs `images` ([N, ...] float32) through `library` with Ray Data; returns the outputs
    as a dict name -> [N, ...] array, in the input order."""
    import ray

    ds = ray.data.from_items([{"index": i, input_name: image} for i, image in enumerate(images)])
    ds = ds.map_batches(
        CnncPredictor,
        fn_constructor_kwargs={"library": str(library), "threads": threads},
        batch_size=batch_size,
        batch_format="numpy",
        concurrency=workers,
        num_cpus=threads,
    )
    rows = sorted(ds.take_all(), key=lambda row: row["index"])
    names = [k for k in rows[0] if k != "index"]
    return {name: np.stack([row[name] for row in rows]) for name in names}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("library")
    parser.add_argument("images", help="a .npy of float32 inputs, [N, ...per-sample shape]")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="OpenMP threads per worker")
    parser.add_argument("--out", required=True, help="where to save the first output as .npy")
    args = parser.parse_args()

    import cnnc
    import ray

    ray.init(num_cpus=max(args.workers * args.threads, 1), include_dashboard=False)
    input_name = cnnc.load(args.library).inputs[0].name
    outputs = predict(args.library, np.load(args.images), args.batch_size, args.workers, args.threads, input_name)
    first = next(iter(outputs))
    np.save(args.out, outputs[first])
    print(f"{first}: {outputs[first].shape} -> {args.out}")


if __name__ == "__main__":
    main()
