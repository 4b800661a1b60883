;; A component that needs the host: an interface function (u32 math) and a world-level function
;; taking and returning a string (lowered with memory + realloc, result through a return pointer).
;; Rebuild: jco parse host-imports.wat -o host-imports.wasm
(component
  (type $add-ty (func (param "a" u32) (param "b" u32) (result u32)))
  (import "demo:host/math@0.1.0" (instance $math (export "add" (func (type $add-ty)))))
  (type $decorate-ty (func (param "name" string) (result string)))
  (import "decorate" (func $decorate (type $decorate-ty)))

  (core module $mem
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and
        (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
      (global.set $next (i32.add (local.get $p) (local.get $size)))
      (local.get $p)))
  (core instance $mi (instantiate $mem))

  (alias export $math "add" (func $add))
  (core func $add-lowered (canon lower (func $add)))
  (core func $decorate-lowered (canon lower (func $decorate)
    (memory (core memory $mi "memory")) (realloc (core func $mi "realloc"))))

  (core module $main
    (import "host" "add" (func $add (param i32 i32) (result i32)))
    (import "host" "decorate" (func $decorate (param i32 i32 i32)))
    (import "env" "memory" (memory 1))
    (func (export "add-three") (param i32) (result i32)
      (call $add (local.get 0) (i32.const 3)))
    (func (export "shout") (param i32 i32) (result i32)
      (call $decorate (local.get 0) (local.get 1) (i32.const 64))
      (i32.const 64)))
  (core instance $host (export "add" (func $add-lowered)) (export "decorate" (func $decorate-lowered)))
  (core instance $m (instantiate $main (with "host" (instance $host)) (with "env" (instance $mi))))

  (func (export "add-three") (param "x" u32) (result u32)
    (canon lift (core func $m "add-three")))
  (func (export "shout") (param "s" string) (result string)
    (canon lift (core func $m "shout") (memory (core memory $mi "memory")) (realloc (core func $mi "realloc"))))
)
