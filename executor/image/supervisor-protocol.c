/*
 * Message framing on stdin/stdout. Input goes through one 64 KiB buffer, so a header and the start of its
 * payload usually arrive in one read.
 */
#define _GNU_SOURCE
#include "supervisor-protocol.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "supervisor-common.h"
#include "supervisor-processes.h"

#define SPEC_MAX (1u << 20)
#define PUT_MAX (1ull << 32)

static struct {
	char buf[1 << 16];
	size_t pos, len;
} in;

/* Refills the input buffer; blocks until stdin has data, handling signals meanwhile. Returns 0 at EOF. */
static ssize_t in_fill(void)
{
	for (;;) {
		struct pollfd pfd[2] = { { 0, POLLIN, 0 }, { g.sigfd, POLLIN, 0 } };
		if (poll(pfd, 2, -1) < 0 && errno != EINTR) return -1;
		if (pfd[1].revents) {
			drain_signals();
			reap(NULL);
		}
		if (pfd[0].revents) {
			ssize_t n = read(0, in.buf, sizeof in.buf);
			if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
			if (n > 0) {
				in.pos = 0;
				in.len = n;
			}
			return n;
		}
	}
}

int read_line(char *line)
{
	size_t n = 0;
	for (;;) {
		if (in.pos == in.len) {
			ssize_t r = in_fill();
			if (r <= 0) return (r == 0 && n == 0) ? -1 : -2;
		}
		char *start = in.buf + in.pos, *nl = memchr(start, '\n', in.len - in.pos);
		size_t take = nl ? (size_t)(nl - start) : in.len - in.pos;
		if (n + take >= HEADER_MAX) return -2;
		memcpy(line + n, start, take);
		n += take;
		in.pos += take;
		if (nl) {
			in.pos++;
			line[n] = 0;
			return (int)n;
		}
	}
}

int pump_payload(int fd, uint64_t size)
{
	int werr = 0;
	while (size > 0) {
		if (in.pos == in.len && in_fill() <= 0) die("stdin ended inside a payload");
		size_t take = in.len - in.pos;
		if (take > size) take = size;
		for (size_t done = 0; fd >= 0 && !werr && done < take;) {
			ssize_t w = write(fd, in.buf + in.pos + done, take - done);
			if (w < 0 && errno == EINTR) continue;
			if (w < 0) werr = errno;
			else done += w;
		}
		in.pos += take;
		size -= take;
	}
	return werr;
}

void read_payload(char *dst, size_t size)
{
	while (size > 0) {
		if (in.pos == in.len && in_fill() <= 0) die("stdin ended inside a payload");
		size_t take = in.len - in.pos;
		if (take > size) take = size;
		memcpy(dst, in.buf + in.pos, take);
		in.pos += take;
		dst += take;
		size -= take;
	}
}

void out_writev(struct iovec *iov, int cnt)
{
	while (cnt > 0) {
		ssize_t w = writev(1, iov, cnt);
		if (w < 0 && errno == EINTR) continue;
		if (w < 0) {
			log_msg("writing a response: %s", strerror(errno));
			exit(1);
		}
		while (cnt > 0 && (size_t)w >= iov->iov_len) {
			w -= iov->iov_len;
			iov++;
			cnt--;
		}
		if (cnt > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= w;
		}
	}
}

void reply_ready(void)
{
	struct iovec ready = { "READY 0\n", 8 };
	out_writev(&ready, 1);
}

void reply_ok(const char *id)
{
	char h[64];
	struct iovec iov = { h, (size_t)snprintf(h, sizeof h, "OK %s\n", id) };
	out_writev(&iov, 1);
}

void reply_err(const char *id, const char *msg)
{
	char h[64];
	size_t len = strlen(msg);
	struct iovec iov[2] = { { h, (size_t)snprintf(h, sizeof h, "ERR %s %zu\n", id, len) }, { (void *)msg, len } };
	log_msg("request %s: %s", id, msg);
	out_writev(iov, 2);
}

/* Splits a header line on single spaces. Returns the number of fields (max + 1 if there are more); an empty
 * field (two spaces in a row, or one at either end) sets *empty_field. */
static int split_header(char *line, char *tok[], int max, bool *empty_field)
{
	int n = 0;
	*empty_field = false;
	for (char *s = line;; s++) {
		if (n == max) return max + 1;
		tok[n++] = s;
		s = strchrnul(s, ' ');
		*empty_field |= s == tok[n - 1];
		if (!*s) return n;
		*s = 0;
	}
}

static bool valid_id(const char *s)
{
	uint64_t v;
	return parse_uint(s, 0, UINT64_MAX / 10, &v) == 0;
}

void lost_sync(const char *id, const char *why)
{
	reply_err(id, why);
	log_msg("request stream out of sync: %s", why);
	exit(2);
}

/* Requests: their field count and, for those with a payload, which field holds its size. */
static const struct {
	const char *verb;
	int fields, size_field;
	uint64_t size_max;
} requests[REQ_COUNT] = {
	[REQ_PING] = { "PING", 2, 0, 0 },   [REQ_PUT] = { "PUT", 6, 4, PUT_MAX },  [REQ_GET] = { "GET", 3, 0, 0 },
	[REQ_DEL] = { "DEL", 3, 0, 0 },     [REQ_MKDIR] = { "MKDIR", 4, 0, 0 },    [REQ_RUN] = { "RUN", 3, 2, SPEC_MAX },
	[REQ_RESET] = { "RESET", 2, 0, 0 },
};

bool parse_request(char *line, struct request *req)
{
	char **f = req->field;
	bool empty_field;
	int n = split_header(line, f, 8, &empty_field);
	bool id_ok = n >= 2 && valid_id(f[1]);
	const char *id = id_ok ? f[1] : "0";
	enum request_verb r = 0;
	while (r < REQ_COUNT && strcmp(f[0], requests[r].verb) != 0) r++;
	if (r == REQ_COUNT) lost_sync(id, "EPROTO unknown request");
	uint64_t size = 0;
	int sf = requests[r].size_field;
	if (sf && (empty_field || n <= sf || parse_uint(f[sf], 0, requests[r].size_max, &size) < 0))
		lost_sync(id, "EPROTO payload size missing or too large");
	if (n != requests[r].fields || empty_field || !id_ok) {
		/* The payload length is known, so the stream stays in sync. */
		pump_payload(-1, size);
		reply_err(id, "EPROTO malformed request");
		return false;
	}
	req->verb = r;
	req->id = id;
	req->size = size;
	return true;
}
