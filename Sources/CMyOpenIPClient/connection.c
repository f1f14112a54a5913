/* Opening and closing connections to the daemon. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "internal.h"

#ifndef SOCK_CLOEXEC
#define SOCK_CLOEXEC 0 /* platforms without it: the descriptor is inherited across exec */
#endif

/* Makes a connection of a connected socket: non-blocking, no SIGPIPE. */
static int adopt(int fd, myopenip_connection **connection) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return MYOPENIP_ERR_CONNECT;
    }
#ifdef SO_NOSIGPIPE
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
    myopenip_connection *made = calloc(1, sizeof *made);
    if (made == NULL || pthread_mutex_init(&made->lock, NULL) != 0) {
        free(made);
        close(fd);
        return MYOPENIP_ERR_NO_MEMORY;
    }
    made->fd = fd;
    made->next_stream = 1;
    made->max_message_size = MYOPENIP_DEFAULT_MAX_MESSAGE_SIZE;
    *connection = made;
    return MYOPENIP_OK;
}

int myopenip_connect_unix(const char *path, myopenip_connection **connection) {
    if (path == NULL || connection == NULL) return MYOPENIP_ERR_ARGUMENT;
    *connection = NULL;
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    size_t length = strlen(path);
    if (length == 0 || length >= sizeof address.sun_path) return MYOPENIP_ERR_ARGUMENT;
    memcpy(address.sun_path, path, length + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return MYOPENIP_ERR_CONNECT;
    while (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        if (errno == EINTR) continue;
        int saved = errno;
        close(fd);
        errno = saved;
        return MYOPENIP_ERR_CONNECT;
    }
    return adopt(fd, connection);
}

/* Connects `fd` to `address` within `timeout_ms` (0: no limit of ours); -1 with errno on failure. */
static int connect_within(int fd, const struct sockaddr *address, socklen_t length, int64_t timeout_ms) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) return -1;
    if (connect(fd, address, length) == 0) return 0;
    if (errno != EINPROGRESS && errno != EINTR) return -1;
    int64_t deadline = myopenip_deadline_after(timeout_ms);
    for (;;) {
        int result = myopenip_wait_ready(fd, POLLOUT, deadline);
        if (result == MYOPENIP_ERR_TIMEOUT) {
            errno = ETIMEDOUT;
            return -1;
        }
        if (result != MYOPENIP_OK) return -1;
        int error = 0;
        socklen_t size = sizeof error;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) < 0) return -1;
        if (error == 0) return 0;
        if (error != EINPROGRESS) {
            errno = error;
            return -1;
        }
    }
}

int myopenip_connect_tcp(const char *host, uint16_t port, int64_t timeout_ms, myopenip_connection **connection) {
    if (host == NULL || *host == '\0' || port == 0 || connection == NULL) return MYOPENIP_ERR_ARGUMENT;
    *connection = NULL;
    char service[8];
    snprintf(service, sizeof service, "%u", (unsigned)port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *addresses = NULL;
    int resolved = getaddrinfo(host, service, &hints, &addresses);
    if (resolved != 0) {
        errno = resolved == EAI_SYSTEM ? errno : EHOSTUNREACH;
        return MYOPENIP_ERR_CONNECT;
    }
    int fd = -1;
    int saved = ECONNREFUSED;
    for (struct addrinfo *address = addresses; address != NULL && fd < 0; address = address->ai_next) {
        fd = socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        if (connect_within(fd, address->ai_addr, address->ai_addrlen, timeout_ms) < 0) {
            saved = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(addresses);
    if (fd < 0) {
        errno = saved;
        return MYOPENIP_ERR_CONNECT;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return adopt(fd, connection);
}

/* A port of 1 to 65535 written in decimal digits only, or 0. */
static uint16_t parse_port(const char *text) {
    if (*text == '\0' || strlen(text) > 5) return 0;
    unsigned long value = 0;
    for (const char *digit = text; *digit; digit++) {
        if (*digit < '0' || *digit > '9') return 0;
        value = value * 10 + (unsigned long)(*digit - '0');
    }
    return value <= 65535 ? (uint16_t)value : 0;
}

int myopenip_connect(const char *target, myopenip_connection **connection) {
    if (target == NULL || connection == NULL) return MYOPENIP_ERR_ARGUMENT;
    *connection = NULL;
    if (strncmp(target, "unix:", 5) == 0) return myopenip_connect_unix(target + 5, connection);
    if (target[0] == '/') return myopenip_connect_unix(target, connection);
    char host[256];
    const char *port;
    if (target[0] == '[') {
        const char *end = strchr(target, ']');
        if (end == NULL || end[1] != ':' || (size_t)(end - target - 1) >= sizeof host) return MYOPENIP_ERR_ARGUMENT;
        memcpy(host, target + 1, (size_t)(end - target - 1));
        host[end - target - 1] = '\0';
        port = end + 2;
    } else {
        const char *colon = strrchr(target, ':');
        if (colon == NULL || (size_t)(colon - target) >= sizeof host) return MYOPENIP_ERR_ARGUMENT;
        memcpy(host, target, (size_t)(colon - target));
        host[colon - target] = '\0';
        port = colon + 1;
    }
    uint16_t number = parse_port(port);
    if (number == 0) return MYOPENIP_ERR_ARGUMENT;
    return myopenip_connect_tcp(host, number, MYOPENIP_DEFAULT_CONNECT_TIMEOUT_MS, connection);
}

void myopenip_set_max_message_size(myopenip_connection *connection, size_t size) {
    if (connection == NULL) return;
    pthread_mutex_lock(&connection->lock);
    connection->max_message_size = size > 0 && size <= UINT32_MAX ? size : MYOPENIP_DEFAULT_MAX_MESSAGE_SIZE;
    pthread_mutex_unlock(&connection->lock);
}

void myopenip_close(myopenip_connection *connection) {
    if (connection == NULL) return;
    myopenip_connection_fail(connection);
    free(connection->buffer);
    pthread_mutex_destroy(&connection->lock);
    free(connection);
}
