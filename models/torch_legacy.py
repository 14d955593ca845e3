"""Read a PyTorch state_dict saved in the legacy (pre-1.6, non-zip) format into numpy arrays.

No torch needed. The legacy file is a sequence of pickles followed by raw storage bytes:

    magic number, protocol version, sys info,
    the object (tensors refer to storages through pickle persistent ids),
    the list of storage keys in the order their bytes follow,
    then per storage: int64 element count (little endian) + the elements.

Only what a state_dict of plain tensors needs is accepted (OrderedDict, torch.*Storage,
torch._utils._rebuild_tensor_v2); any other global in the pickle is refused, so a file
cannot run code while it is read.
"""

import collections
import pickle
import struct

import numpy as np

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
LEGACY_PROTOCOL = 1001

_STORAGE_DTYPES = {
    "FloatStorage": np.float32,
    "DoubleStorage": np.float64,
    "HalfStorage": np.float16,
    "LongStorage": np.int64,
    "IntStorage": np.int32,
    "ShortStorage": np.int16,
    "CharStorage": np.int8,
    "ByteStorage": np.uint8,
    "BoolStorage": np.bool_,
}


class _StorageType:
    """Stands in for a torch.*Storage class named in the pickle."""

    def __init__(self, name):
        self.dtype = np.dtype(_STORAGE_DTYPES[name]).newbyteorder("<")


class _Storage:
    """A storage whose bytes are read after the main pickle."""

    def __init__(self, dtype, size):
        self.dtype, self.size, self.array = dtype, size, None


class _Tensor:
    """A tensor to materialise once its storage is filled."""

    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def to_numpy(self):
        base = self.storage.array[self.offset:]
        item = base.itemsize
        view = np.lib.stride_tricks.as_strided(base, self.size, [s * item for s in self.stride])
        return np.array(view, dtype=base.dtype.newbyteorder("="))


def _rebuild_tensor_v2(storage, offset, size, stride, requires_grad=False, hooks=None, *rest):
    return _Tensor(storage, offset, size, stride)


class _Unpickler(pickle.Unpickler):
    def __init__(self, f, storages):
        super().__init__(f)
        self.storages = storages

    def find_class(self, module, name):
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        if module == "torch" and name in _STORAGE_DTYPES:
            return _StorageType(name)
        if module == "torch._utils" and name == "_rebuild_tensor_v2":
            return _rebuild_tensor_v2
        raise pickle.UnpicklingError(f"refusing global {module}.{name}: not part of a plain state_dict")

    def persistent_load(self, pid):
        kind, storage_type, key, _location, size, view = pid
        if kind != "storage" or view is not None:
            raise pickle.UnpicklingError(f"unsupported persistent id {pid[:1]} (storage views are not supported)")
        if key not in self.storages:
            self.storages[key] = _Storage(storage_type.dtype, size)
        return self.storages[key]


def load_state_dict(path):
    """Return {name: numpy array} from a legacy-format .pth file; raises ValueError if it is not one."""
    with open(path, "rb") as f:
        if f.read(2) == b"PK":
            raise ValueError(f"{path} is a zip-format checkpoint, not the legacy format")
        f.seek(0)
        if pickle.load(f) != LEGACY_MAGIC:
            raise ValueError(f"{path}: bad magic number, not a legacy PyTorch file")
        if pickle.load(f) != LEGACY_PROTOCOL:
            raise ValueError(f"{path}: unsupported legacy protocol version")
        sys_info = pickle.load(f)
        if not sys_info.get("little_endian", False):
            raise ValueError(f"{path}: big-endian checkpoints are not supported")
        storages = {}
        obj = _Unpickler(f, storages).load()
        for key in pickle.load(f):
            storage = storages[key]
            (count,) = struct.unpack("<q", f.read(8))
            if count != storage.size:
                raise ValueError(f"{path}: storage {key} holds {count} elements, pickle said {storage.size}")
            data = f.read(count * storage.dtype.itemsize)
            if len(data) != count * storage.dtype.itemsize:
                raise ValueError(f"{path}: truncated in storage {key}")
            storage.array = np.frombuffer(data, dtype=storage.dtype)
        if f.read(1):
            raise ValueError(f"{path}: trailing bytes after the last storage")
    return collections.OrderedDict((k, v.to_numpy()) for k, v in obj.items())
