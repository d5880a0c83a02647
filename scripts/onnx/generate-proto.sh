#!/usr/bin/env bash
# Regenerates Sources/CNNONNX/Generated/onnx-subset.pb.swift from proto/onnx-subset.proto.
# The output is committed: CI and normal builds never run protoc.
#
# Needs protoc (apt-get install protobuf-compiler) and protoc-gen-swift built from
# swift-protobuf at the version in Package.resolved:
#   git clone --branch <version> https://github.com/apple/swift-protobuf && \
#   (cd swift-protobuf && swift build -c release --product protoc-gen-swift)
# Point PROTOC_GEN_SWIFT at the binary if it is not on PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
plugin="${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}"
if [[ -z "$plugin" ]]; then
    echo "error: protoc-gen-swift not found: set PROTOC_GEN_SWIFT or put it on PATH" >&2
    exit 1
fi
out=Sources/CNNONNX/Generated
mkdir -p "$out"
protoc --plugin=protoc-gen-swift="$plugin" \
    --swift_opt=Visibility=Internal \
    --swift_opt=FileNaming=DropPath \
    --swift_out="$out" \
    -I proto proto/onnx-subset.proto
echo "wrote $out/onnx-subset.pb.swift"
