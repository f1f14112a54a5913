/* Readable sentences for the results of the library. */
#include "myopenip_client.h"

const char *myopenip_strerror(int result) {
    switch (result) {
    case MYOPENIP_OK: return "success";
    case MYOPENIP_ERR_ARGUMENT: return "invalid argument";
    case MYOPENIP_ERR_CONNECT: return "cannot connect to the daemon";
    case MYOPENIP_ERR_CONNECTION_LOST: return "the connection to the daemon was lost";
    case MYOPENIP_ERR_TIMEOUT: return "no answer before the timeout";
    case MYOPENIP_ERR_REQUEST_TOO_LARGE: return "the request exceeds the maximum message size";
    case MYOPENIP_ERR_RESPONSE_TOO_LARGE: return "the answer exceeds the maximum message size";
    case MYOPENIP_ERR_MALFORMED: return "the daemon sent a malformed frame";
    case MYOPENIP_ERR_NO_MEMORY: return "out of memory";
    case MYOPENIP_ERR_CLOSED: return "the connection is closed";
    case MYOPENIP_ERR_BAD_PAYLOAD: return "the answer is not the method's response message";
    default: return "unknown error";
    }
}
