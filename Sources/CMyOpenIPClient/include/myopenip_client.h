/*
 * The C client of myopenipd: ttrpc calls over a Unix socket or TCP, with messages packed and
 * unpacked by protobuf-c (the generated code of the project's proto/ files is in CMyOpenIPProto).
 *
 *     myopenip_connection *conn;
 *     if (myopenip_connect("127.0.0.1:7421", &conn) != MYOPENIP_OK) ...
 *     Grpc__Health__V1__HealthCheckRequest request = GRPC__HEALTH__V1__HEALTH_CHECK_REQUEST__INIT;
 *     myopenip_call_options options = { .timeout_ms = 5000 };
 *     myopenip_reply reply;
 *     int rc = myopenip_call(conn, "grpc.health.v1.Health", "Check", &request.base, &options, &reply);
 *     if (rc == MYOPENIP_OK && reply.code == 0) {
 *         Grpc__Health__V1__HealthCheckResponse *answer = (Grpc__Health__V1__HealthCheckResponse *)
 *             myopenip_reply_unpack(&reply, &grpc__health__v1__health_check_response__descriptor);
 *         ...
 *         protobuf_c_message_free_unpacked(&answer->base, NULL);
 *     }
 *     myopenip_reply_free(&reply);
 *     myopenip_close(conn);
 *
 * `myopenip_services.h` has a typed wrapper for every unary method, which names the service and
 * method and unpacks the answer: myopenip_health_check(conn, &request, &options, &reply, &answer).
 *
 * Calls block. A connection may be shared by threads: its calls are serialized (one in flight at a
 * time); open one connection per thread for parallel calls. docs/protocol.md describes the wire.
 */
#ifndef MYOPENIP_CLIENT_H
#define MYOPENIP_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <protobuf-c/protobuf-c.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The largest message the daemon accepts by default (its `max_message_bytes`): 4 MiB. */
#define MYOPENIP_DEFAULT_MAX_MESSAGE_SIZE (4u << 20)

/*
 * What a function of this library returns. A call that reached the daemon returns MYOPENIP_OK
 * whatever the call's own status: that one is in `myopenip_reply.code`.
 */
typedef enum {
    MYOPENIP_OK = 0,
    /* A NULL or malformed argument (an empty service name, a target without a port...). */
    MYOPENIP_ERR_ARGUMENT = -1,
    /* The daemon could not be reached; errno tells why. */
    MYOPENIP_ERR_CONNECT = -2,
    /* The connection was lost (closed by the daemon, or an I/O error): it is closed; reconnect. */
    MYOPENIP_ERR_CONNECTION_LOST = -3,
    /* No answer came before the call's timeout. The connection stays usable: a late answer is
     * recognised by its stream id and dropped. (Only a request that could be sent in part, the
     * daemon no longer reading, closes the connection.) */
    MYOPENIP_ERR_TIMEOUT = -4,
    /* The request is larger than the connection's maximum message size; nothing was sent. */
    MYOPENIP_ERR_REQUEST_TOO_LARGE = -5,
    /* The answer is larger than the connection's maximum message size; it was skipped, and the
     * connection stays usable. */
    MYOPENIP_ERR_RESPONSE_TOO_LARGE = -6,
    /* The daemon sent bytes that are not a valid frame or envelope: the connection is closed. */
    MYOPENIP_ERR_MALFORMED = -7,
    /* Memory could not be allocated. */
    MYOPENIP_ERR_NO_MEMORY = -8,
    /* The connection was closed by an earlier failure; reconnect. */
    MYOPENIP_ERR_CLOSED = -9,
    /* The daemon answered OK, but its payload is not the method's response message (a typed
     * wrapper of myopenip_services.h could not unpack it). The connection stays usable. */
    MYOPENIP_ERR_BAD_PAYLOAD = -10,
} myopenip_result;

/* A readable English sentence for a `myopenip_result`. */
const char *myopenip_strerror(int result);

typedef struct myopenip_connection myopenip_connection;

/* Connects to the daemon's Unix socket at `path`. */
int myopenip_connect_unix(const char *path, myopenip_connection **connection);

/* How long `myopenip_connect` waits for a TCP connection to be accepted: 10 s. */
#define MYOPENIP_DEFAULT_CONNECT_TIMEOUT_MS 10000

/* Connects over TCP to `host` (a name, an IPv4 or an IPv6 address) and `port`, giving up after
 * `timeout_ms` milliseconds per address tried (errno ETIMEDOUT; 0: the system's own limit). */
int myopenip_connect_tcp(const char *host, uint16_t port, int64_t timeout_ms, myopenip_connection **connection);

/* Connects to `target`: "unix:/path", an absolute path ("/run/myopenipd.sock"), "host:port" or
 * "[v6-address]:port", with MYOPENIP_DEFAULT_CONNECT_TIMEOUT_MS for TCP. */
int myopenip_connect(const char *target, myopenip_connection **connection);

/* Changes the largest message this connection sends or accepts (default
 * MYOPENIP_DEFAULT_MAX_MESSAGE_SIZE); it should match the daemon's `max_message_bytes`. */
void myopenip_set_max_message_size(myopenip_connection *connection, size_t size);

/* Closes the connection and frees it; NULL is allowed. No call may be in progress. */
void myopenip_close(myopenip_connection *connection);

/* One metadata entry of a call, e.g. { "x-request-id", "billing-42" }. */
typedef struct {
    const char *key;
    const char *value;
} myopenip_metadata;

/* How to make a call; a NULL pointer means all defaults. */
typedef struct {
    /* How long to wait for the answer, in milliseconds; the daemon is told too (its deadline).
     * 0: no limit. */
    int64_t timeout_ms;
    /* The session token from IdentityService/Login, sent as "authorization: Bearer <token>";
     * NULL: none. */
    const char *bearer_token;
    /* Further metadata. */
    const myopenip_metadata *metadata;
    size_t metadata_count;
} myopenip_call_options;

/* The answer of a call. Every string is owned by the reply (never NULL, "" when absent); free it
 * with `myopenip_reply_free`. */
typedef struct {
    /* The status code: 0 OK, 3 INVALID_ARGUMENT, 5 NOT_FOUND, 16 UNAUTHENTICATED... (gRPC codes). */
    int32_t code;
    /* The status message: French for the portal's users, English for programs. */
    char *message;
    /* The machine reason of an error (google.rpc.ErrorInfo), e.g. "ACCOUNT_LOCKED". */
    char *reason;
    /* The request field an error is about, when the daemon names one. */
    char *field;
    /* The serialized response message (empty unless code is 0). */
    uint8_t *payload;
    size_t payload_length;
} myopenip_reply;

/* Calls `service`/`method` (e.g. "myopenip.v1.IdentityService", "Login") with `request`, packed
 * by protobuf-c, and fills `reply`. Returns MYOPENIP_OK when the daemon answered, whatever the
 * answer's code; on any other result the reply is empty, with code -1 (and safe to free). */
int myopenip_call(
    myopenip_connection *connection, const char *service, const char *method, const ProtobufCMessage *request,
    const myopenip_call_options *options, myopenip_reply *reply);

/* The same with a request already serialized (`payload` may be NULL when `length` is 0). */
int myopenip_call_bytes(
    myopenip_connection *connection, const char *service, const char *method, const uint8_t *payload,
    size_t length, const myopenip_call_options *options, myopenip_reply *reply);

/* Unpacks the reply's payload as a `descriptor` message; NULL when it does not parse. Free the
 * result with protobuf_c_message_free_unpacked(message, NULL). */
ProtobufCMessage *myopenip_reply_unpack(const myopenip_reply *reply, const ProtobufCMessageDescriptor *descriptor);

/* Frees what a reply holds and empties it. */
void myopenip_reply_free(myopenip_reply *reply);

#ifdef __cplusplus
}
#endif

#endif
