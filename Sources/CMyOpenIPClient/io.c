/* Socket reads and writes with deadlines, and the buffer frames are cut from. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* SO_NOSIGPIPE is set on the socket instead */
#endif

/* Reads at most this much at a time when the size of what comes is not known yet. */
#define MYOPENIP_READ_CHUNK 65536

static int64_t now_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int64_t myopenip_deadline_after(int64_t timeout_ms) {
    if (timeout_ms <= 0 || timeout_ms > INT64_MAX / 2) return MYOPENIP_NO_DEADLINE;
    return now_ms() + timeout_ms;
}

int myopenip_wait_ready(int fd, short events, int64_t deadline) {
    for (;;) {
        int timeout = -1;
        if (deadline != MYOPENIP_NO_DEADLINE) {
            int64_t left = deadline - now_ms();
            if (left <= 0) return MYOPENIP_ERR_TIMEOUT;
            timeout = left > 60000 ? 60000 : (int)left;
        }
        struct pollfd descriptor = {.fd = fd, .events = events};
        int ready = poll(&descriptor, 1, timeout);
        if (ready > 0) return MYOPENIP_OK;
        if (ready < 0 && errno != EINTR) return MYOPENIP_ERR_CONNECTION_LOST;
    }
}

void myopenip_connection_fail(myopenip_connection *connection) {
    if (connection->fd >= 0) {
        close(connection->fd);
        connection->fd = -1;
    }
    connection->buffered = 0;
    connection->skipping = 0;
}

int myopenip_write_all(myopenip_connection *connection, const uint8_t *bytes, size_t length, int64_t deadline) {
    const size_t total = length;
    while (length > 0) {
        ssize_t written = send(connection->fd, bytes, length, MSG_NOSIGNAL);
        if (written > 0) {
            bytes += written;
            length -= (size_t)written;
            continue;
        }
        if (written < 0 && errno == EINTR) continue;
        int result = MYOPENIP_ERR_CONNECTION_LOST;
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            result = myopenip_wait_ready(connection->fd, POLLOUT, deadline);
            if (result == MYOPENIP_OK) continue;
            /* Nothing of the frame left: the stream is still in step. */
            if (result == MYOPENIP_ERR_TIMEOUT && length == total) return result;
        }
        myopenip_connection_fail(connection);
        return result;
    }
    return MYOPENIP_OK;
}

/* Makes room for `needed` bytes in the buffer. */
static int reserve(myopenip_connection *connection, size_t needed) {
    if (needed <= connection->capacity) return MYOPENIP_OK;
    /* Twice the old size, but never more than what is needed beyond one chunk: a large frame
     * does not leave twice its size held for the life of the connection. */
    size_t capacity = connection->capacity ? connection->capacity * 2 : MYOPENIP_READ_CHUNK;
    if (capacity < needed || capacity > needed + MYOPENIP_READ_CHUNK) capacity = needed;
    uint8_t *grown = realloc(connection->buffer, capacity);
    if (grown == NULL) return MYOPENIP_ERR_NO_MEMORY;
    connection->buffer = grown;
    connection->capacity = capacity;
    return MYOPENIP_OK;
}

/* Receives what has come (at least one byte), waiting until the deadline. */
static int fill(myopenip_connection *connection, size_t wanted, int64_t deadline) {
    int result = reserve(connection, connection->buffered + wanted);
    if (result != MYOPENIP_OK) return result;
    for (;;) {
        ssize_t received = recv(
            connection->fd, connection->buffer + connection->buffered, connection->capacity - connection->buffered, 0);
        if (received > 0) {
            connection->buffered += (size_t)received;
            return MYOPENIP_OK;
        }
        if (received < 0 && errno == EINTR) continue;
        if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            result = myopenip_wait_ready(connection->fd, POLLIN, deadline);
            if (result == MYOPENIP_OK) continue;
            if (result == MYOPENIP_ERR_TIMEOUT) return result; /* what was read stays buffered */
        }
        myopenip_connection_fail(connection);
        return MYOPENIP_ERR_CONNECTION_LOST;
    }
}

/* Drops `count` bytes from the front of the buffer. */
static void drop(myopenip_connection *connection, size_t count) {
    memmove(connection->buffer, connection->buffer + count, connection->buffered - count);
    connection->buffered -= count;
}

int myopenip_read_frame(
    myopenip_connection *connection, int64_t deadline, myopenip_frame_header *header, const uint8_t **payload,
    int *oversized) {
    *oversized = 0;
    for (;;) {
        if (connection->skipping > 0) {
            size_t count = connection->skipping < connection->buffered ? connection->skipping : connection->buffered;
            drop(connection, count);
            connection->skipping -= count;
            if (connection->skipping > 0) {
                int result = fill(connection, MYOPENIP_READ_CHUNK, deadline);
                if (result != MYOPENIP_OK) return result;
                continue;
            }
        }
        if (connection->buffered >= MYOPENIP_FRAME_HEADER_SIZE) {
            myopenip_frame_header_decode(connection->buffer, header);
            if (header->type < MYOPENIP_FRAME_REQUEST || header->type > MYOPENIP_FRAME_DATA) {
                myopenip_connection_fail(connection);
                return MYOPENIP_ERR_MALFORMED;
            }
            if (header->length > connection->max_message_size) {
                drop(connection, MYOPENIP_FRAME_HEADER_SIZE);
                connection->skipping = header->length;
                *oversized = 1;
                return MYOPENIP_OK;
            }
            size_t whole = MYOPENIP_FRAME_HEADER_SIZE + (size_t)header->length;
            if (connection->buffered >= whole) {
                *payload = connection->buffer + MYOPENIP_FRAME_HEADER_SIZE;
                return MYOPENIP_OK;
            }
            int result = fill(connection, whole - connection->buffered, deadline);
            if (result != MYOPENIP_OK) return result;
            continue;
        }
        int result = fill(connection, MYOPENIP_READ_CHUNK, deadline);
        if (result != MYOPENIP_OK) return result;
    }
}

void myopenip_consume_frame(myopenip_connection *connection, const myopenip_frame_header *header) {
    drop(connection, MYOPENIP_FRAME_HEADER_SIZE + (size_t)header->length);
}
