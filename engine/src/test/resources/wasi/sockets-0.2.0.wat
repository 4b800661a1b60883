;; Imports wasi:sockets/network + tcp-create-socket @0.2.0 (the released types) and exports
;; try-tcp() -> u8: 0 when create-tcp-socket returned ok, else 1 + the error-code case index.
;; Built with tests/guests/tools/jco-tool.mjs parse.
(component
  (import "wasi:sockets/network@0.2.0" (instance $net
    (export "network" (type (sub resource)))
    (type $ec (enum "unknown" "access-denied" "not-supported" "invalid-argument" "out-of-memory" "timeout"
      "concurrency-conflict" "not-in-progress" "would-block" "invalid-state" "new-socket-limit"
      "address-not-bindable" "address-in-use" "remote-unreachable" "connection-refused" "connection-reset"
      "connection-aborted" "datagram-too-large" "name-unresolvable" "temporary-resolver-failure"
      "permanent-resolver-failure"))
    (export "error-code" (type (eq $ec)))
    (type $af (enum "ipv4" "ipv6"))
    (export "ip-address-family" (type (eq $af)))))
  (alias export $net "error-code" (type $error-code))
  (alias export $net "ip-address-family" (type $family))
  (import "wasi:sockets/tcp-create-socket@0.2.0" (instance $tcs
    (alias outer 1 $error-code (type $ec))
    (export "error-code" (type $ec' (eq $ec)))
    (alias outer 1 $family (type $af))
    (export "ip-address-family" (type $af' (eq $af)))
    (export "tcp-socket" (type $ts (sub resource)))
    (export "create-tcp-socket" (func (param "address-family" $af') (result (result (own $ts) (error $ec')))))))
  (alias export $tcs "create-tcp-socket" (func $create))
  (core module $mem (memory (export "memory") 1))
  (core instance $m (instantiate $mem))
  (alias core export $m "memory" (core memory $memory))
  (core func $c (canon lower (func $create) (memory $memory)))
  (core module $main
    (import "m" "memory" (memory 1))
    (import "s" "create" (func $create (param i32 i32)))
    (func (export "try") (result i32)
      (call $create (i32.const 0) (i32.const 16))
      (if (result i32) (i32.eqz (i32.load8_u (i32.const 16)))
        (then (i32.const 0))
        (else (i32.add (i32.const 1) (i32.load8_u (i32.const 20)))))))
  (core instance $mi (instantiate $main
    (with "m" (instance (export "memory" (memory $memory))))
    (with "s" (instance (export "create" (func $c))))))
  (func (export "try-tcp") (result u8) (canon lift (core func $mi "try")))
)
