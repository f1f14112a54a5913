/* A unary call: the ttrpc.Request envelope out, the ttrpc.Response envelope back. */
#include <stdlib.h>
#include <string.h>

#include "google/rpc/error_details.pb-c.h"
#include "internal.h"
#include "ttrpc/ttrpc.pb-c.h"

static char empty_text[] = "";
static const char error_info_type[] = "/google.rpc.ErrorInfo";

static void reply_clear(myopenip_reply *reply) {
    reply->code = -1;
    reply->message = empty_text;
    reply->reason = empty_text;
    reply->field = empty_text;
    reply->payload = NULL;
    reply->payload_length = 0;
}

static void free_text(char *text) {
    if (text != empty_text) free(text);
}

void myopenip_reply_free(myopenip_reply *reply) {
    if (reply == NULL) return;
    free_text(reply->message);
    free_text(reply->reason);
    free_text(reply->field);
    free(reply->payload);
    reply_clear(reply);
}

static int copy_text(const char *source, char **target) {
    if (source == NULL || *source == '\0') return MYOPENIP_OK;
    *target = strdup(source);
    return *target ? MYOPENIP_OK : MYOPENIP_ERR_NO_MEMORY;
}

static int ends_with(const char *text, const char *suffix) {
    size_t length = strlen(text), suffix_length = strlen(suffix);
    return length >= suffix_length && memcmp(text + length - suffix_length, suffix, suffix_length) == 0;
}

/* The reason and field of the first google.rpc.ErrorInfo among the status details. */
static int read_error_info(const Google__Rpc__Status *status, myopenip_reply *reply) {
    for (size_t index = 0; index < status->n_details; index++) {
        const Google__Protobuf__Any *detail = status->details[index];
        if (detail->type_url == NULL || !ends_with(detail->type_url, error_info_type)) continue;
        Google__Rpc__ErrorInfo *info = google__rpc__error_info__unpack(NULL, detail->value.len, detail->value.data);
        if (info == NULL) return MYOPENIP_ERR_MALFORMED;
        int result = copy_text(info->reason, &reply->reason);
        for (size_t entry = 0; result == MYOPENIP_OK && entry < info->n_metadata; entry++) {
            if (info->metadata[entry]->key && strcmp(info->metadata[entry]->key, "field") == 0) {
                result = copy_text(info->metadata[entry]->value, &reply->field);
            }
        }
        google__rpc__error_info__free_unpacked(info, NULL);
        return result;
    }
    return MYOPENIP_OK;
}

/* Fills `reply` from a response envelope. */
static int read_response(const uint8_t *bytes, size_t length, myopenip_reply *reply) {
    Ttrpc__Response *response = ttrpc__response__unpack(NULL, length, bytes);
    if (response == NULL) return MYOPENIP_ERR_MALFORMED;
    int result = MYOPENIP_OK;
    reply->code = 0;
    if (response->status != NULL) {
        reply->code = response->status->code;
        result = copy_text(response->status->message, &reply->message);
        if (result == MYOPENIP_OK) result = read_error_info(response->status, reply);
    }
    if (result == MYOPENIP_OK && response->payload.len > 0) {
        /* protobuf-c unpacked the bytes into a buffer of their own (malloc): the reply takes it. */
        reply->payload = response->payload.data;
        reply->payload_length = response->payload.len;
        response->payload.data = NULL;
        response->payload.len = 0;
    }
    ttrpc__response__free_unpacked(response, NULL);
    return result;
}

/* The whole request frame (header and envelope) in `*frame`, to free. */
static int build_request(
    uint32_t stream, const char *service, const char *method, const uint8_t *payload, size_t length,
    const myopenip_call_options *options, size_t max_message_size, uint8_t **frame, size_t *frame_length) {
    size_t extra = options ? options->metadata_count : 0;
    size_t count = extra + (options && options->bearer_token ? 1 : 0);
    Ttrpc__KeyValue *entries = count ? calloc(count, sizeof *entries) : NULL;
    Ttrpc__KeyValue **pointers = count ? calloc(count, sizeof *pointers) : NULL;
    char *authorization = NULL;
    int result = MYOPENIP_OK;
    if (count && (entries == NULL || pointers == NULL)) result = MYOPENIP_ERR_NO_MEMORY;
    for (size_t index = 0; result == MYOPENIP_OK && index < extra; index++) {
        const myopenip_metadata *entry = &options->metadata[index];
        if (entry->key == NULL || *entry->key == '\0' || entry->value == NULL) {
            result = MYOPENIP_ERR_ARGUMENT;
            break;
        }
        ttrpc__key_value__init(&entries[index]);
        entries[index].key = (char *)entry->key;
        entries[index].value = (char *)entry->value;
        pointers[index] = &entries[index];
    }
    if (result == MYOPENIP_OK && options && options->bearer_token) {
        size_t token_length = strlen(options->bearer_token);
        authorization = malloc(token_length + 8);
        if (authorization == NULL) {
            result = MYOPENIP_ERR_NO_MEMORY;
        } else {
            memcpy(authorization, "Bearer ", 7);
            memcpy(authorization + 7, options->bearer_token, token_length + 1);
            ttrpc__key_value__init(&entries[extra]);
            entries[extra].key = "authorization";
            entries[extra].value = authorization;
            pointers[extra] = &entries[extra];
        }
    }
    if (result == MYOPENIP_OK) {
        Ttrpc__Request request = TTRPC__REQUEST__INIT;
        request.service = (char *)service;
        request.method = (char *)method;
        request.payload.data = (uint8_t *)payload;
        request.payload.len = length;
        int64_t timeout_ms = options && options->timeout_ms > 0 ? options->timeout_ms : 0;
        request.timeout_nano = timeout_ms < INT64_MAX / 1000000 ? timeout_ms * 1000000 : 0;
        request.n_metadata = count;
        request.metadata = pointers;
        size_t size = ttrpc__request__get_packed_size(&request);
        if (size > max_message_size) {
            result = MYOPENIP_ERR_REQUEST_TOO_LARGE;
        } else if ((*frame = malloc(MYOPENIP_FRAME_HEADER_SIZE + size)) == NULL) {
            result = MYOPENIP_ERR_NO_MEMORY;
        } else {
            myopenip_frame_header header = {
                .length = (uint32_t)size, .stream = stream, .type = MYOPENIP_FRAME_REQUEST, .flags = 0};
            myopenip_frame_header_encode(&header, *frame);
            ttrpc__request__pack(&request, *frame + MYOPENIP_FRAME_HEADER_SIZE);
            *frame_length = MYOPENIP_FRAME_HEADER_SIZE + size;
        }
    }
    free(authorization);
    free(pointers);
    free(entries);
    return result;
}

/* Reads frames until the answer on `stream`; others (late answers of timed-out calls) are dropped. */
static int await_response(myopenip_connection *connection, uint32_t stream, int64_t deadline, myopenip_reply *reply) {
    for (;;) {
        myopenip_frame_header header;
        const uint8_t *payload = NULL;
        int oversized = 0;
        int result = myopenip_read_frame(connection, deadline, &header, &payload, &oversized);
        if (result != MYOPENIP_OK) return result;
        int ours = header.stream == stream && header.type == MYOPENIP_FRAME_RESPONSE;
        if (oversized) {
            if (ours) return MYOPENIP_ERR_RESPONSE_TOO_LARGE;
            continue;
        }
        if (ours) {
            result = read_response(payload, header.length, reply);
            myopenip_consume_frame(connection, &header);
            if (result == MYOPENIP_ERR_MALFORMED) myopenip_connection_fail(connection);
            return result;
        }
        myopenip_consume_frame(connection, &header);
    }
}

int myopenip_call_bytes(
    myopenip_connection *connection, const char *service, const char *method, const uint8_t *payload,
    size_t length, const myopenip_call_options *options, myopenip_reply *reply) {
    if (reply == NULL) return MYOPENIP_ERR_ARGUMENT;
    reply_clear(reply);
    if (connection == NULL || service == NULL || *service == '\0' || method == NULL || *method == '\0' ||
        (payload == NULL && length > 0) || (options && options->metadata_count > 0 && options->metadata == NULL)) {
        return MYOPENIP_ERR_ARGUMENT;
    }
    pthread_mutex_lock(&connection->lock);
    int result = MYOPENIP_OK;
    uint8_t *frame = NULL;
    size_t frame_length = 0;
    if (connection->fd < 0 || connection->next_stream > UINT32_MAX - 2) {
        result = MYOPENIP_ERR_CLOSED;
    } else {
        uint32_t stream = connection->next_stream;
        int64_t deadline = myopenip_deadline_after(options ? options->timeout_ms : 0);
        result = build_request(
            stream, service, method, payload, length, options, connection->max_message_size, &frame, &frame_length);
        if (result == MYOPENIP_OK) {
            connection->next_stream += 2;
            result = myopenip_write_all(connection, frame, frame_length, deadline);
        }
        if (result == MYOPENIP_OK) result = await_response(connection, stream, deadline, reply);
    }
    pthread_mutex_unlock(&connection->lock);
    free(frame);
    if (result != MYOPENIP_OK) myopenip_reply_free(reply);
    return result;
}

int myopenip_call(
    myopenip_connection *connection, const char *service, const char *method, const ProtobufCMessage *request,
    const myopenip_call_options *options, myopenip_reply *reply) {
    if (reply == NULL) return MYOPENIP_ERR_ARGUMENT;
    reply_clear(reply);
    if (request == NULL) return MYOPENIP_ERR_ARGUMENT;
    size_t length = protobuf_c_message_get_packed_size(request);
    uint8_t *payload = length ? malloc(length) : NULL;
    if (length && payload == NULL) return MYOPENIP_ERR_NO_MEMORY;
    if (length) protobuf_c_message_pack(request, payload);
    int result = myopenip_call_bytes(connection, service, method, payload, length, options, reply);
    free(payload);
    return result;
}

int myopenip_unpack_answer(
    int result, const myopenip_reply *reply, const ProtobufCMessageDescriptor *descriptor, ProtobufCMessage **response) {
    if (result != MYOPENIP_OK || response == NULL || reply->code != 0) return result;
    *response = myopenip_reply_unpack(reply, descriptor);
    return *response == NULL ? MYOPENIP_ERR_BAD_PAYLOAD : MYOPENIP_OK;
}

ProtobufCMessage *myopenip_reply_unpack(const myopenip_reply *reply, const ProtobufCMessageDescriptor *descriptor) {
    if (reply == NULL || descriptor == NULL || reply->code != 0) return NULL;
    return protobuf_c_message_unpack(descriptor, NULL, reply->payload_length, reply->payload);
}
