/*
 * A C microservice's view of myopenipd: connect, check health, log in, ask who it is, log out,
 * with the CMyOpenIPClient library and protobuf-c messages. The typed wrappers of
 * myopenip_services.h name each method and unpack its answer: the program never spells a service
 * or method name.
 *
 *     myopenip-c-example TARGET LOGIN [--threads N --calls M]
 *
 * TARGET is a Unix socket path or host:port. The password comes from MYOPENIP_PASSWORD, or else
 * from the first line of standard input. With --threads, N threads share the connection and make
 * M WhoAmI calls each (the library serializes them). Exit status: 0 done, 1 a call was refused,
 * 2 the daemon could not be reached or the connection failed.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "myopenip_services.h"

/* Prints why a call did not succeed; returns the exit status it calls for. */
static int report(const char *what, int result, const myopenip_reply *reply) {
    if (result != MYOPENIP_OK) {
        fprintf(stderr, "%s: %s\n", what, myopenip_strerror(result));
        return 2;
    }
    fprintf(stderr, "%s refused: code %d, reason %s: %s\n", what, reply->code, *reply->reason ? reply->reason : "-",
            reply->message);
    return 1;
}

static int check_health(myopenip_connection *connection) {
    Grpc__Health__V1__HealthCheckRequest request = GRPC__HEALTH__V1__HEALTH_CHECK_REQUEST__INIT;
    myopenip_call_options options = {.timeout_ms = 5000};
    myopenip_reply reply;
    Grpc__Health__V1__HealthCheckResponse *answer = NULL;
    int result = myopenip_health_check(connection, &request, &options, &reply, &answer);
    if (result != MYOPENIP_OK || reply.code != 0) {
        int status = report("health", result, &reply);
        myopenip_reply_free(&reply);
        return status;
    }
    myopenip_reply_free(&reply);
    const ProtobufCEnumValue *status = protobuf_c_enum_descriptor_get_value(
        &grpc__health__v1__health_check_response__serving_status__descriptor, answer->status);
    printf("health: %s\n", status ? status->name : "?");
    protobuf_c_message_free_unpacked(&answer->base, NULL);
    return 0;
}

/* An instant as ISO-8601 UTC text ("-" when unset), in `out`. */
static const char *instant_text(const Google__Protobuf__Timestamp *instant, char *out, size_t size) {
    if (instant == NULL) return "-";
    time_t seconds = (time_t)instant->seconds;
    struct tm parts;
    if (gmtime_r(&seconds, &parts) == NULL || strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &parts) == 0) return "?";
    return out;
}

/* Logs in; `*token` is the session token, to free. */
static int log_in(myopenip_connection *connection, const char *login, const char *password, char **token) {
    Myopenip__V1__LoginRequest request = MYOPENIP__V1__LOGIN_REQUEST__INIT;
    request.identifier = (char *)login;
    request.password = (char *)password;
    /* The key derivation of a login may wait its turn on a loaded daemon. */
    myopenip_call_options options = {.timeout_ms = 60000};
    myopenip_reply reply;
    Myopenip__V1__LoginResponse *answer = NULL;
    int result = myopenip_identity_service_login(connection, &request, &options, &reply, &answer);
    if (result != MYOPENIP_OK || reply.code != 0) {
        int status = report("login", result, &reply);
        myopenip_reply_free(&reply);
        return status;
    }
    myopenip_reply_free(&reply);
    char until[32];
    printf("login: session open until %s%s\n", instant_text(answer->expires_at, until, sizeof until),
           answer->must_accept_terms ? " (the terms of use must be accepted first)" : "");
    *token = strdup(answer->session_token);
    protobuf_c_message_free_unpacked(&answer->base, NULL);
    return *token ? 0 : 2;
}

/* Asks who the session is; prints it when `print` is set. */
static int who_am_i(myopenip_connection *connection, const char *token, int print) {
    Myopenip__V1__WhoAmIRequest request = MYOPENIP__V1__WHO_AM_IREQUEST__INIT;
    myopenip_metadata request_id = {"x-request-id", "c-example"};
    myopenip_call_options options = {.timeout_ms = 5000, .bearer_token = token, .metadata = &request_id, .metadata_count = 1};
    myopenip_reply reply;
    Myopenip__V1__WhoAmIResponse *answer = NULL;
    int result = myopenip_identity_service_who_am_i(connection, &request, &options, &reply, &answer);
    if (result != MYOPENIP_OK || reply.code != 0) {
        int status = report("whoami", result, &reply);
        myopenip_reply_free(&reply);
        return status;
    }
    myopenip_reply_free(&reply);
    if (print && answer->account) {
        printf("whoami: %s (%s), company %s, %zu right(s):", answer->account->login, answer->account->display_name,
               *answer->account->company_reference ? answer->account->company_reference : "-", answer->n_rights);
        for (size_t index = 0; index < answer->n_rights; index++) printf(" %s", answer->rights[index]);
        printf("\n");
    }
    protobuf_c_message_free_unpacked(&answer->base, NULL);
    return 0;
}

static int log_out(myopenip_connection *connection, const char *token) {
    Myopenip__V1__LogoutRequest request = MYOPENIP__V1__LOGOUT_REQUEST__INIT;
    myopenip_call_options options = {.timeout_ms = 5000, .bearer_token = token};
    myopenip_reply reply;
    int result = myopenip_identity_service_logout(connection, &request, &options, &reply, NULL);
    int status = result == MYOPENIP_OK && reply.code == 0 ? 0 : report("logout", result, &reply);
    if (status == 0) printf("logout: done\n");
    myopenip_reply_free(&reply);
    return status;
}

typedef struct {
    myopenip_connection *connection;
    const char *token;
    long calls;
    int status;
} worker;

static void *work(void *argument) {
    worker *self = argument;
    for (long call = 0; call < self->calls && self->status == 0; call++) {
        self->status = who_am_i(self->connection, self->token, 0);
    }
    return NULL;
}

/* `threads` threads sharing the connection make `calls` WhoAmI calls each. */
static int share_connection(myopenip_connection *connection, const char *token, long threads, long calls) {
    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    worker *workers = calloc((size_t)threads, sizeof *workers);
    int status = ids && workers ? 0 : 2;
    long started = 0;
    for (; status == 0 && started < threads; started++) {
        workers[started] = (worker){connection, token, calls, 0};
        if (pthread_create(&ids[started], NULL, work, &workers[started]) != 0) status = 2;
    }
    for (long index = 0; index < started; index++) {
        pthread_join(ids[index], NULL);
        if (workers[index].status != 0) status = workers[index].status;
    }
    if (status == 0) printf("shared connection: %ld threads x %ld calls ok\n", threads, calls);
    free(ids);
    free(workers);
    return status;
}

int main(int argc, char **argv) {
    long threads = 0, calls = 0;
    const char *target = NULL, *login = NULL;
    for (int index = 1; index < argc; index++) {
        if (strcmp(argv[index], "--threads") == 0 && index + 1 < argc) {
            threads = strtol(argv[++index], NULL, 10);
        } else if (strcmp(argv[index], "--calls") == 0 && index + 1 < argc) {
            calls = strtol(argv[++index], NULL, 10);
        } else if (!target) {
            target = argv[index];
        } else if (!login) {
            login = argv[index];
        }
    }
    if (!target || !login || threads < 0 || calls < 0 || threads > 256) {
        fprintf(stderr, "usage: %s TARGET LOGIN [--threads N --calls M]  (password in MYOPENIP_PASSWORD or on stdin)\n",
                argv[0]);
        return 64;
    }
    char line[1024] = "";
    const char *password = getenv("MYOPENIP_PASSWORD");
    if (!password) {
        if (!fgets(line, sizeof line, stdin)) line[0] = '\0';
        line[strcspn(line, "\r\n")] = '\0';
        password = line;
    }

    myopenip_connection *connection = NULL;
    int result = myopenip_connect(target, &connection);
    if (result != MYOPENIP_OK) {
        fprintf(stderr, "connect %s: %s\n", target, myopenip_strerror(result));
        return 2;
    }
    char *token = NULL;
    int status = check_health(connection);
    if (status == 0) status = log_in(connection, login, password, &token);
    if (status == 0) status = who_am_i(connection, token, 1);
    if (status == 0 && threads > 0 && calls > 0) status = share_connection(connection, token, threads, calls);
    if (status == 0) status = log_out(connection, token);
    free(token);
    myopenip_close(connection);
    return status;
}
