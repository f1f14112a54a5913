@_exported import MyOpenIPProto

@_exported import struct MyOpenIPRPC.Metadata
@_exported import struct MyOpenIPRPC.MethodDescriptor
// The client's error type, status codes, metadata and connection targets are the RPC core's
// own; a microservice imports MyOpenIPClient alone.
@_exported import struct MyOpenIPRPC.RPCError
@_exported import struct MyOpenIPRPC.StatusCode
@_exported import enum MyOpenIPTransport.ConnectionTarget
