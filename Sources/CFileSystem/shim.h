// Thin system-header shim: statfs/fstatfs (<sys/vfs.h>), which Swift's Glibc module does not export.
// GailleryStore asks a file's file-system type to refuse kernel pseudo-files (procfs, sysfs).
#include <sys/vfs.h>
