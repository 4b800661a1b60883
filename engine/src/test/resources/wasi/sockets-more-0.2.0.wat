;; Imports more of wasi:sockets@0.2.0 (the released types): instance-network, udp-create-socket and
;; ip-name-lookup.resolve-addresses, and exports one function per attempt, each returning 0 when the
;; host said ok, else 1 + the error-code case index (access-denied is 1, so a refusal returns 2).
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
  (alias export $net "network" (type $network))
  (alias export $net "error-code" (type $error-code))
  (alias export $net "ip-address-family" (type $family))
  (import "wasi:sockets/instance-network@0.2.0" (instance $inet
    (alias outer 1 $network (type $n))
    (export "network" (type $n' (eq $n)))
    (export "instance-network" (func (result (own $n'))))))
  (import "wasi:sockets/udp-create-socket@0.2.0" (instance $ucs
    (alias outer 1 $error-code (type $ec))
    (export "error-code" (type $ec' (eq $ec)))
    (alias outer 1 $family (type $af))
    (export "ip-address-family" (type $af' (eq $af)))
    (export "udp-socket" (type $us (sub resource)))
    (export "create-udp-socket" (func (param "address-family" $af') (result (result (own $us) (error $ec')))))))
  (import "wasi:sockets/ip-name-lookup@0.2.0" (instance $lookup
    (alias outer 1 $network (type $n))
    (export "network" (type $n' (eq $n)))
    (alias outer 1 $error-code (type $ec))
    (export "error-code" (type $ec' (eq $ec)))
    (export "resolve-address-stream" (type $ras (sub resource)))
    (export "resolve-addresses" (func (param "network" (borrow $n')) (param "name" string)
      (result (result (own $ras) (error $ec')))))))
  (alias export $inet "instance-network" (func $instance-network))
  (alias export $ucs "create-udp-socket" (func $create-udp))
  (alias export $lookup "resolve-addresses" (func $resolve))
  (core module $mem (memory (export "memory") 1) (data (i32.const 64) "example.com"))
  (core instance $m (instantiate $mem))
  (alias core export $m "memory" (core memory $memory))
  (core func $in (canon lower (func $instance-network)))
  (core func $cu (canon lower (func $create-udp) (memory $memory)))
  (core func $rs (canon lower (func $resolve) (memory $memory) string-encoding=utf8))
  (core module $main
    (import "m" "memory" (memory 1))
    (import "s" "instance-network" (func $instance-network (result i32)))
    (import "s" "create-udp" (func $create-udp (param i32 i32)))
    (import "s" "resolve" (func $resolve (param i32 i32 i32 i32)))
    (func $answer (result i32)
      (if (result i32) (i32.eqz (i32.load8_u (i32.const 16)))
        (then (i32.const 0))
        (else (i32.add (i32.const 1) (i32.load8_u (i32.const 20))))))
    (func (export "udp") (result i32)
      (call $create-udp (i32.const 1) (i32.const 16))
      (call $answer))
    (func (export "resolve") (result i32)
      (call $resolve (call $instance-network) (i32.const 64) (i32.const 11) (i32.const 16))
      (call $answer)))
  (core instance $mi (instantiate $main
    (with "m" (instance (export "memory" (memory $memory))))
    (with "s" (instance
      (export "instance-network" (func $in))
      (export "create-udp" (func $cu))
      (export "resolve" (func $rs))))))
  (func (export "try-udp") (result u8) (canon lift (core func $mi "udp")))
  (func (export "try-resolve") (result u8) (canon lift (core func $mi "resolve")))
)
