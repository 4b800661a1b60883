;; hostile: a guest that attacks its host rather than the canonical ABI's
;; corner cases (those are misbehave's). Driven by the Java hostile-guest
;; battery (engine HostileGuestBatteryTest), not by cases: it imports a
;; host function, which `witbox call` and the jco oracle have no host for.
;; Each export names what it does; `echo` is the well-behaved call that shows
;; the plugin still serves afterwards.
(component
  ;; the host implements it; the battery's host calls back into the guest
  (import "callback" (func $callback (result u32)))
  (type $r (resource (rep i32)))
  (core func $cb (canon lower (func $callback)))
  (core func $new-r (canon resource.new $r))
  (core func $drop-r (canon resource.drop $r))
  (core func $rep-r (canon resource.rep $r))

  (core module $m
    (import "host" "callback" (func $cb (result i32)))
    (import "host" "new-r" (func $new-r (param i32) (result i32)))
    (import "host" "drop-r" (func $drop-r (param i32)))
    (import "host" "rep-r" (func $rep-r (param i32) (result i32)))
    ;; 1 MiB that cannot grow: every claim beyond it is a lie
    (memory (export "memory") 16 16)
    (table $t 1 funcref)

    (func (export "echo") (param i32) (result i32) (local.get 0))

    ;; grows its table 16 Mi entries at a time until table.grow fails, then traps
    (func (export "table-bomb") (result i32)
      (loop $grow
        (br_if $grow (i32.ne (table.grow $t (ref.null func) (i32.const 0x1000000)) (i32.const -1))))
      unreachable)

    ;; writes (ptr, len) to the return area at 16 and returns 16
    (func $ret2 (param i32 i32) (result i32)
      (i32.store (i32.const 16) (local.get 0))
      (i32.store (i32.const 20) (local.get 1))
      (i32.const 16))
    ;; list<u64> of 2^28 elements: 2 GiB claimed by a 1 MiB memory
    (func (export "huge-list") (result i32) (call $ret2 (i32.const 0) (i32.const 0x10000000)))
    ;; list<u8> of 2^31 - 1 bytes at 0
    (func (export "huge-bytes") (result i32) (call $ret2 (i32.const 0) (i32.const 0x7fffffff)))
    ;; list<string> of 2^27 strings (1 GiB of (ptr, len) pairs)
    (func (export "huge-strings") (result i32) (call $ret2 (i32.const 0) (i32.const 0x8000000)))

    ;; calls the host, whose callback calls this instance again
    (func (export "reenter") (result i32) (call $cb))
    ;; recurses n levels, then calls the host at the bottom
    (func $deep (export "deep-then-host") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0))
        (then (call $cb))
        (else (i32.add (call $deep (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))

    ;; drops a handle it never had
    (func (export "drop-forged") (result i32) (call $drop-r (i32.const 12345)) (i32.const 0))
    ;; asks the representation of a handle it never had
    (func (export "rep-forged") (result i32) (call $rep-r (i32.const 7)))
    ;; drops the same handle twice
    (func (export "drop-twice") (result i32)
      (local $h i32)
      (local.set $h (call $new-r (i32.const 42)))
      (call $drop-r (local.get $h))
      (call $drop-r (local.get $h))
      (i32.const 0))
    ;; uses a handle after dropping it
    (func (export "use-after-drop") (result i32)
      (local $h i32)
      (local.set $h (call $new-r (i32.const 42)))
      (call $drop-r (local.get $h))
      (call $rep-r (local.get $h)))
    ;; makes handles until the host says no
    (func (export "handle-bomb") (result i32)
      (loop $more (drop (call $new-r (i32.const 1))) (br $more))
      (i32.const 0))
  )
  (core instance $i (instantiate $m
    (with "host" (instance
      (export "callback" (func $cb))
      (export "new-r" (func $new-r))
      (export "drop-r" (func $drop-r))
      (export "rep-r" (func $rep-r))))))
  (alias core export $i "memory" (core memory $mem))

  (func (export "echo") (param "x" u32) (result u32) (canon lift (core func $i "echo")))
  (func (export "table-bomb") (result u32) (canon lift (core func $i "table-bomb")))
  (func (export "huge-list") (result (list u64)) (canon lift (core func $i "huge-list") (memory $mem)))
  (func (export "huge-bytes") (result (list u8)) (canon lift (core func $i "huge-bytes") (memory $mem)))
  (func (export "huge-strings") (result (list string)) (canon lift (core func $i "huge-strings") (memory $mem)))
  (func (export "reenter") (result u32) (canon lift (core func $i "reenter")))
  (func (export "deep-then-host") (param "n" u32) (result u32) (canon lift (core func $i "deep-then-host")))
  (func (export "drop-forged") (result u32) (canon lift (core func $i "drop-forged")))
  (func (export "rep-forged") (result u32) (canon lift (core func $i "rep-forged")))
  (func (export "drop-twice") (result u32) (canon lift (core func $i "drop-twice")))
  (func (export "use-after-drop") (result u32) (canon lift (core func $i "use-after-drop")))
  (func (export "handle-bomb") (result u32) (canon lift (core func $i "handle-bomb")))
)
