/* What the files of the C client share: the connection, frames, deadlines. Not installed. */
#ifndef MYOPENIP_CLIENT_INTERNAL_H
#define MYOPENIP_CLIENT_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "myopenip_client.h"

struct myopenip_connection {
    /* The socket (non-blocking), or -1 once the connection failed or was closed. */
    int fd;
    /* Serializes the calls of the threads sharing the connection. */
    pthread_mutex_t lock;
    /* The next request's stream id: odd, increasing. */
    uint32_t next_stream;
    size_t max_message_size;
    /* Bytes received and not consumed yet: at most one frame and the start of the next. */
    uint8_t *buffer;
    size_t buffered;
    size_t capacity;
    /* Bytes of an oversized frame still to drop as they arrive. */
    size_t skipping;
};

/* The 10-byte ttrpc frame header, big-endian on the wire. */
#define MYOPENIP_FRAME_HEADER_SIZE 10
enum { MYOPENIP_FRAME_REQUEST = 1, MYOPENIP_FRAME_RESPONSE = 2, MYOPENIP_FRAME_DATA = 3 };

typedef struct {
    uint32_t length;
    uint32_t stream;
    uint8_t type;
    uint8_t flags;
} myopenip_frame_header;

void myopenip_frame_header_encode(const myopenip_frame_header *header, uint8_t out[MYOPENIP_FRAME_HEADER_SIZE]);
void myopenip_frame_header_decode(const uint8_t in[MYOPENIP_FRAME_HEADER_SIZE], myopenip_frame_header *header);

/* A point in time on the monotonic clock, in milliseconds; MYOPENIP_NO_DEADLINE for none. */
#define MYOPENIP_NO_DEADLINE INT64_MAX
int64_t myopenip_deadline_after(int64_t timeout_ms);

/* Waits until `fd` is ready for `events` (poll flags) or the deadline: MYOPENIP_OK,
 * MYOPENIP_ERR_TIMEOUT, or MYOPENIP_ERR_CONNECTION_LOST when poll fails. */
int myopenip_wait_ready(int fd, short events, int64_t deadline);

/* What a typed wrapper of myopenip_services.h returns after `myopenip_call` gave `result`: when
 * the daemon answered OK, `*response` (if not NULL) is the unpacked answer, or the result is
 * MYOPENIP_ERR_BAD_PAYLOAD when it does not parse. */
int myopenip_unpack_answer(
    int result, const myopenip_reply *reply, const ProtobufCMessageDescriptor *descriptor, ProtobufCMessage **response);

/* Closes the socket after a failure: later calls get MYOPENIP_ERR_CLOSED. */
void myopenip_connection_fail(myopenip_connection *connection);

/* Writes all of `bytes` before `deadline`. A failure closes the connection (a partly written
 * frame cannot be taken back), but for a timeout before the first byte left. */
int myopenip_write_all(myopenip_connection *connection, const uint8_t *bytes, size_t length, int64_t deadline);

/* The next whole frame: its header, and its payload in the connection's buffer until
 * `myopenip_consume_frame`. A frame over the maximum size is not returned: its header comes back
 * with `*oversized` set and its payload is dropped as it arrives. */
int myopenip_read_frame(
    myopenip_connection *connection, int64_t deadline, myopenip_frame_header *header, const uint8_t **payload,
    int *oversized);

/* Drops the frame `myopenip_read_frame` returned from the buffer. */
void myopenip_consume_frame(myopenip_connection *connection, const myopenip_frame_header *header);

#endif
