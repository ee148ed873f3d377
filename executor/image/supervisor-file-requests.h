/*
 * Handlers of the file requests (PUT, GET, DEL, MKDIR). Each answers its request itself (OK, DATA or ERR), and
 * PUT always consumes its payload, so the stream stays in sync whatever fails.
 */
#ifndef JUEZ_SUPERVISOR_FILE_REQUESTS_H
#define JUEZ_SUPERVISOR_FILE_REQUESTS_H

#include <stdint.h>

/* Writes `size` payload bytes to path as `owner` (root, sandbox or validator) with octal `mode`, creating parent
 * directories; a file that could not be written whole is removed. */
void handle_put(const char *id, const char *owner, const char *mode_s, uint64_t size, const char *path);

/* Sends a regular file below /judge as DATA. */
void handle_get(const char *id, const char *path);

/* Removes a file or tree below /judge. */
void handle_del(const char *id, const char *path);

/* Creates a directory (and its parents) owned by `owner`, or fixes the mode of one that exists. */
void handle_mkdir(const char *id, const char *owner, const char *path);

#endif
