// Thin system-library shim: OpenSSL's libcrypto, used only for SHA-256 (EVP interface).
#include <openssl/evp.h>
