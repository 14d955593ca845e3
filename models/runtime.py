"""Copy ONNX Runtime's C library out of the onnxruntime wheel into models/runtime/ (git-ignored).

Writes models/runtime/libonnxruntime.so.<version>, the links libonnxruntime.so.1 (its soname)
and libonnxruntime.so, and models/runtime/VERSION:

    onnxruntime=1.32.0
    ort_api_version=32          highest OrtApi version OrtGetApiBase()->GetApi() accepts
    library=libonnxruntime.so.1.32.0
    sha256=...

The API version is probed by loading the copied library, so the file also proves it loads.
"""

import ctypes
import glob
import hashlib
import os
import shutil
import sys

import onnxruntime

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.join(HERE, "runtime")


class _OrtApiBase(ctypes.Structure):
    _fields_ = [("GetApi", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_uint32)),
                ("GetVersionString", ctypes.CFUNCTYPE(ctypes.c_char_p))]


def probe(path):
    """(version string, highest supported OrtApi version) of the library at path."""
    lib = ctypes.CDLL(path)
    lib.OrtGetApiBase.restype = ctypes.POINTER(_OrtApiBase)
    base = lib.OrtGetApiBase().contents
    version = base.GetVersionString().decode()
    api = int(version.split(".")[1])
    if not base.GetApi(api):
        sys.exit(f"runtime: {path} ({version}) refuses OrtApi version {api}")
    return version, api


def main():
    capi = os.path.join(os.path.dirname(onnxruntime.__file__), "capi")
    found = glob.glob(os.path.join(capi, "libonnxruntime.so.*.*.*"))
    if len(found) != 1:
        sys.exit(f"runtime: expected one libonnxruntime.so.X.Y.Z in {capi}, found {found}")
    source = found[0]
    name = os.path.basename(source)
    os.makedirs(RUNTIME, exist_ok=True)
    target = os.path.join(RUNTIME, name)
    digest = hashlib.sha256(open(source, "rb").read()).hexdigest()
    shutil.copyfile(source, target + ".tmp")
    os.replace(target + ".tmp", target)
    for link in ("libonnxruntime.so.1", "libonnxruntime.so"):
        path = os.path.join(RUNTIME, link)
        if os.path.lexists(path):
            os.remove(path)
        os.symlink(name, path)
    version, api = probe(target)
    if version != onnxruntime.__version__:
        sys.exit(f"runtime: library says {version}, the wheel is {onnxruntime.__version__}")
    with open(os.path.join(RUNTIME, "VERSION"), "w") as f:
        f.write(f"onnxruntime={version}\nort_api_version={api}\nlibrary={name}\nsha256={digest}\n")
    print(f"runtime: {name} (OrtApi {api}) in {RUNTIME}")


if __name__ == "__main__":
    main()
