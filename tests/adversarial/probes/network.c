/* probe: the network, from C: network interfaces other than loopback; TCP to public hosts, to the Docker bridge's
 * gateway (the Docker API's TCP ports, SSH) and to the cloud metadata address; UDP (a DNS query) to a public
 * resolver and to the nameserver of /etc/resolv.conf; IPv6; raw and packet sockets.
 * expect: WA
 * problem: echo
 * The container has no network (only loopback, no route anywhere), so every attempt fails at once or times out
 * within 300 ms. If one gets through the probe prints the right answer: AC. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char input[1 << 21];
static int reached;

static void tcp(const char *host, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
	inet_pton(AF_INET, host, &a.sin_addr);
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (s < 0) return;
	if (connect(s, (struct sockaddr *)&a, sizeof a) == 0 || errno == EINPROGRESS) {
		struct pollfd p = { s, POLLOUT, 0 };
		int err = 0;
		socklen_t len = sizeof err;
		if (poll(&p, 1, 300) == 1 && getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) {
			fprintf(stderr, "connected to %s:%d\n", host, port);
			reached++;
		}
	}
	close(s);
}

static void tcp6(const char *host, int port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons((unsigned short)port) };
	inet_pton(AF_INET6, host, &a.sin6_addr);
	int s = socket(AF_INET6, SOCK_STREAM, 0);
	if (s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0) fprintf(stderr, "connected to [%s]\n", host), reached++;
	if (s >= 0) close(s);
}

/* A DNS query for example.com, type A: any reply means the packet got out. */
static void dns(const char *server)
{
	static const unsigned char query[] = { 0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
					       3, 'c', 'o', 'm', 0, 0, 1, 0, 1 };
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(53) };
	if (inet_pton(AF_INET, server, &a.sin_addr) != 1) return;
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0) return;
	if (sendto(s, query, sizeof query, 0, (struct sockaddr *)&a, sizeof a) == (ssize_t)sizeof query) {
		struct pollfd p = { s, POLLIN, 0 };
		char reply[512];
		if (poll(&p, 1, 300) == 1 && recv(s, reply, sizeof reply, 0) > 0) fprintf(stderr, "DNS reply from %s\n", server), reached++;
	}
	close(s);
}

int main(void)
{
	size_t n = fread(input, 1, sizeof input, stdin);
	struct ifaddrs *ifs;
	if (getifaddrs(&ifs) == 0) {
		for (struct ifaddrs *i = ifs; i; i = i->ifa_next)
			if (!(i->ifa_flags & IFF_LOOPBACK) && (i->ifa_flags & IFF_UP)) fprintf(stderr, "interface %s\n", i->ifa_name), reached++;
		freeifaddrs(ifs);
	}
	const char *hosts[] = { "1.1.1.1", "8.8.8.8", "172.17.0.1", "169.254.169.254", "10.0.0.1", "192.168.0.1", NULL };
	const int ports[] = { 80, 443, 53, 22, 2375, 2376 };
	for (int h = 0; hosts[h]; h++)
		for (int p = 0; p < 6; p++) tcp(hosts[h], ports[p]);
	tcp6("2606:4700:4700::1111", 53);
	dns("8.8.8.8");
	dns("1.1.1.1");
	FILE *conf = fopen("/etc/resolv.conf", "r");
	char line[256], server[64];
	while (conf && fgets(line, sizeof line, conf))
		if (sscanf(line, "nameserver %63s", server) == 1) dns(server);
	if (conf) fclose(conf);
	if (socket(AF_PACKET, SOCK_RAW, htons(3)) >= 0) fputs("opened a packet socket\n", stderr), reached++;
	if (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) >= 0) fputs("opened a raw socket\n", stderr), reached++;
	if (reached) fwrite(input, 1, n, stdout);
	else puts("contained");
	return 0;
}
