/* The ttrpc frame header: length, stream id, type, flags, big-endian. */
#include "internal.h"

void myopenip_frame_header_encode(const myopenip_frame_header *header, uint8_t out[MYOPENIP_FRAME_HEADER_SIZE]) {
    out[0] = (uint8_t)(header->length >> 24);
    out[1] = (uint8_t)(header->length >> 16);
    out[2] = (uint8_t)(header->length >> 8);
    out[3] = (uint8_t)header->length;
    out[4] = (uint8_t)(header->stream >> 24);
    out[5] = (uint8_t)(header->stream >> 16);
    out[6] = (uint8_t)(header->stream >> 8);
    out[7] = (uint8_t)header->stream;
    out[8] = header->type;
    out[9] = header->flags;
}

void myopenip_frame_header_decode(const uint8_t in[MYOPENIP_FRAME_HEADER_SIZE], myopenip_frame_header *header) {
    header->length = (uint32_t)in[0] << 24 | (uint32_t)in[1] << 16 | (uint32_t)in[2] << 8 | in[3];
    header->stream = (uint32_t)in[4] << 24 | (uint32_t)in[5] << 16 | (uint32_t)in[6] << 8 | in[7];
    header->type = in[8];
    header->flags = in[9];
}
