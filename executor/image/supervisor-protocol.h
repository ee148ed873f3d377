/*
 * The wire side of executor/sandbox/supervisor-protocol.md: reading request headers and payloads from stdin,
 * writing READY / OK / ERR / DATA / RESULT messages to stdout. What a request does is its handler's business;
 * this part only keeps the stream in sync, which is what every later request depends on.
 *
 * Invariant: stdout carries protocol messages only; diagnostics go to stderr (docker logs).
 */
#ifndef JUEZ_SUPERVISOR_PROTOCOL_H
#define JUEZ_SUPERVISOR_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#define HEADER_MAX 4096

enum request_verb { REQ_PING, REQ_PUT, REQ_GET, REQ_DEL, REQ_MKDIR, REQ_RUN, REQ_RESET, REQ_COUNT };

/* A well-formed request header: its fields point into the header line, field[0] is the verb and field[1] the
 * id. A payload of `size` bytes, if the verb has one, is still on stdin for the handler to consume. */
struct request {
	enum request_verb verb;
	const char *id;
	char *field[8];
	uint64_t size;
};

/* Reads one header line without its newline into line (HEADER_MAX bytes). Returns its length, -1 at EOF between
 * messages, -2 when the stream cannot be trusted (EOF inside a line, a line longer than HEADER_MAX, a read
 * error). */
int read_line(char *line);

/* Parses a header line into req. False when the request was malformed but its payload length known: the
 * payload has been skipped and ERR sent, so the stream is still in sync. Exits (lost_sync) when the payload
 * length is unknown. */
bool parse_request(char *line, struct request *req);

/* Moves exactly `size` payload bytes from stdin to fd (or nowhere if fd < 0). Keeps consuming after a write error
 * so the stream stays in sync; returns the first write errno, 0 if none. Exits if stdin ends early. */
int pump_payload(int fd, uint64_t size);

/* Reads exactly `size` payload bytes into dst. Exits if stdin ends early. */
void read_payload(char *dst, size_t size);

/* Writes all iovecs to stdout. If the executor stopped reading there is nobody to serve: exit. */
void out_writev(struct iovec *iov, int cnt);

void reply_ready(void);
void reply_ok(const char *id);
void reply_err(const char *id, const char *msg);

/* A request whose payload length is unknown leaves the stream out of sync: answer and exit. */
void lost_sync(const char *id, const char *why) __attribute__((noreturn));

#endif
