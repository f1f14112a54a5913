#!/usr/bin/python3
"""An independent ttrpc client, written from containerd's ttrpc protocol description with
Python's protobuf package, that calls a running myopenipd and checks its answers.

    /usr/bin/python3 tools/interop/ttrpc_check.py --socket PATH [--login LOGIN --company OIP-...]
    /usr/bin/python3 tools/interop/ttrpc_check.py --address HOST:PORT [--login LOGIN --company OIP-...]

It generates Python code for proto/ with protoc into a temporary folder, then checks health,
reflection, an unknown method, several calls in flight on one connection answered by stream id,
and a server stream. With --login (the password in MYOPENIP_PASSWORD) it also logs in, calls
WhoAmI with the session token, reads the company --company and a company that does not exist.
Prints one line per check and a closing 'N passed, N failed' line; exits 1 on failure.
"""
import argparse
import os
import socket
import struct
import subprocess
import sys
import tempfile

HEADER = struct.Struct(">IIBB")  # length, stream id, type, flags (big-endian, 10 bytes)
REQUEST, RESPONSE, DATA = 1, 2, 3
REMOTE_CLOSED = 0x01


def generate(proto_root):
    out = tempfile.mkdtemp(prefix="ttrpc-py-")
    files = [os.path.relpath(os.path.join(d, f), proto_root)
             for d, _, fs in os.walk(proto_root) for f in fs if f.endswith(".proto")]
    subprocess.run(["protoc", "-I", proto_root, "--python_out=" + out] + files, check=True)
    sys.path.insert(0, out)


def connect(args):
    if args.socket:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(args.socket)
    else:
        host, port = args.address.rsplit(":", 1)
        s = socket.create_connection((host, int(port)))
    # A login's key derivation can wait its turn for a while on a loaded machine.
    s.settimeout(60)
    return s


def send_request(s, stream_id, service, method, message, timeout_nano=0, metadata=None, flags=0):
    from ttrpc import ttrpc_pb2
    request = ttrpc_pb2.Request(service=service, method=method,
                                payload=message.SerializeToString(), timeout_nano=timeout_nano)
    for key, value in (metadata or {}).items():
        request.metadata.add(key=key, value=value)
    body = request.SerializeToString()
    s.sendall(HEADER.pack(len(body), stream_id, REQUEST, flags) + body)


def read_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise EOFError("connection closed")
        data += chunk
    return data


def read_frame(s):
    length, stream_id, kind, flags = HEADER.unpack(read_exact(s, HEADER.size))
    return stream_id, kind, flags, read_exact(s, length)


def read_response(s):
    from ttrpc import ttrpc_pb2
    stream_id, kind, _flags, body = read_frame(s)
    assert kind == RESPONSE, "expected a response frame, got type %d" % kind
    response = ttrpc_pb2.Response()
    response.ParseFromString(body)
    return stream_id, response


def error_info(response, error_details_pb2):
    """The google.rpc.ErrorInfo among the status details, or None."""
    info = error_details_pb2.ErrorInfo()
    return info if any(d.Unpack(info) for d in response.status.details) else None


def check_session(args, check, identity_pb2, company_pb2, error_details_pb2):
    """Login, then WhoAmI and CompanyService/GetCompany with the session token as bearer."""
    s = connect(args)
    identity = "myopenip.v1.IdentityService"
    send_request(s, 1, identity, "WhoAmI", identity_pb2.WhoAmIRequest(),
                 metadata={"authorization": "Bearer not-a-session"})
    _, response = read_response(s)
    info = error_info(response, error_details_pb2)
    check("WhoAmI with a made-up token: UNAUTHENTICATED (16), reason SESSION_INVALID",
          response.status.code == 16 and info is not None and info.reason == "SESSION_INVALID")

    login = identity_pb2.LoginRequest(identifier=args.login, password=os.environ.get("MYOPENIP_PASSWORD", ""))
    send_request(s, 3, identity, "Login", login, timeout_nano=60_000_000_000)
    stream_id, response = read_response(s)
    session = identity_pb2.LoginResponse()
    session.ParseFromString(response.payload)
    check("login: OK with a session token", stream_id == 3 and response.status.code == 0 and len(session.session_token) > 20)
    check("login: the session ends at a google.protobuf.Timestamp after its idle expiry",
          session.expires_at.seconds > 0 and session.expires_at.ToSeconds() >= session.idle_expires_at.ToSeconds()
          and session.expires_at.ToJsonString().endswith("Z"))
    bearer = {"authorization": "Bearer " + session.session_token}

    send_request(s, 5, identity, "WhoAmI", identity_pb2.WhoAmIRequest(), metadata=bearer)
    _, response = read_response(s)
    me = identity_pb2.WhoAmIResponse()
    me.ParseFromString(response.payload)
    check("WhoAmI with the bearer token names the account", response.status.code == 0 and me.account.login == args.login)

    companies = "myopenip.v1.CompanyService"
    send_request(s, 7, companies, "GetCompany", company_pb2.GetCompanyRequest(reference=args.company), metadata=bearer)
    _, response = read_response(s)
    company = company_pb2.Company()
    company.ParseFromString(response.payload)
    check("GetCompany %s: OK, a VAT number derived from its SIREN" % args.company,
          response.status.code == 0 and company.reference == args.company
          and company.vat_number.startswith("FR") and company.vat_number.endswith(company.siren))

    send_request(s, 9, companies, "GetCompany", company_pb2.GetCompanyRequest(reference="OIP-99999999"), metadata=bearer)
    _, response = read_response(s)
    info = error_info(response, error_details_pb2)
    check("GetCompany of no company: NOT_FOUND (5), reason COMPANY_NOT_FOUND, field reference",
          response.status.code == 5 and info is not None and info.reason == "COMPANY_NOT_FOUND"
          and info.metadata.get("field") == "reference")
    s.close()


def main():
    parser = argparse.ArgumentParser()
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--socket")
    target.add_argument("--address")
    parser.add_argument("--proto", default=os.path.join(os.path.dirname(__file__), "..", "..", "proto"))
    parser.add_argument("--login", help="an account whose password is in MYOPENIP_PASSWORD")
    parser.add_argument("--company", default="OIP-00000001", help="a company the account may read")
    args = parser.parse_args()
    generate(os.path.abspath(args.proto))
    from grpc.health.v1 import health_pb2
    from myopenip.v1 import reflection_pb2
    from google.rpc import error_details_pb2
    from myopenip.v1 import company_pb2, identity_pb2

    results = []

    def check(name, ok):
        results.append(ok)
        print(("ok     " if ok else "FAILED ") + name)

    s = connect(args)
    send_request(s, 1, "grpc.health.v1.Health", "Check", health_pb2.HealthCheckRequest(),
                 timeout_nano=5_000_000_000, metadata={"x-request-id": "py-1"})
    stream_id, response = read_response(s)
    answer = health_pb2.HealthCheckResponse()
    answer.ParseFromString(response.payload)
    check("health: stream 1 answered OK and SERVING",
          stream_id == 1 and response.status.code == 0
          and answer.status == health_pb2.HealthCheckResponse.SERVING)

    send_request(s, 3, "myopenip.v1.ReflectionService", "ListServices", reflection_pb2.ListServicesRequest())
    stream_id, response = read_response(s)
    listing = reflection_pb2.ListServicesResponse()
    listing.ParseFromString(response.payload)
    names = [service.name for service in listing.services]
    check("reflection lists grpc.health.v1.Health with Check",
          stream_id == 3 and "grpc.health.v1.Health" in names
          and any(m.name == "Check" for sv in listing.services for m in sv.methods))

    send_request(s, 5, "myopenip.v1.NoSuchService", "Nothing", health_pb2.HealthCheckRequest())
    stream_id, response = read_response(s)
    info = error_info(response, error_details_pb2)
    check("unknown method: UNIMPLEMENTED (12) with reason UNKNOWN_METHOD",
          stream_id == 5 and response.status.code == 12 and info is not None and info.reason == "UNKNOWN_METHOD")

    send_request(s, 7, "grpc.health.v1.Health", "Check", health_pb2.HealthCheckRequest(service="no.such.Service"))
    stream_id, response = read_response(s)
    check("health of an unknown service: NOT_FOUND (5)", stream_id == 7 and response.status.code == 5)

    for stream_id in (9, 11, 13, 15):
        send_request(s, stream_id, "grpc.health.v1.Health", "Check", health_pb2.HealthCheckRequest())
    answered = sorted(read_response(s)[0] for _ in range(4))
    check("four calls in flight on one connection, each answered on its stream", answered == [9, 11, 13, 15])

    # A server-streaming call (ttrpc 1.2): the request says "remote closed", the answers come
    # as data frames on the same stream.
    send_request(s, 17, "grpc.health.v1.Health", "Watch", health_pb2.HealthCheckRequest(), flags=REMOTE_CLOSED)
    stream_id, kind, _flags, body = read_frame(s)
    watched = health_pb2.HealthCheckResponse()
    watched.ParseFromString(body)
    check("health Watch streams SERVING in a data frame",
          stream_id == 17 and kind == DATA and watched.status == health_pb2.HealthCheckResponse.SERVING)
    s.close()

    if args.login:
        check_session(args, check, identity_pb2, company_pb2, error_details_pb2)

    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
