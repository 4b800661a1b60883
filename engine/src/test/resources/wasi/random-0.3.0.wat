;; Imports wasi:random/random@0.3.0 and exports rand() calling get-random-u64: the host links any
;; 0.2.x to its 0.2.12 implementation, and nothing else. Built with tests/guests/tools/jco-tool.mjs parse.
(component
  (import "wasi:random/random@0.3.0" (instance $r
    (export "get-random-u64" (func (result u64)))))
  (alias export $r "get-random-u64" (func $get))
  (core func $g (canon lower (func $get)))
  (core module $m
    (import "r" "g" (func $g (result i64)))
    (func (export "f") (result i64) call $g))
  (core instance $ri (export "g" (func $g)))
  (core instance $i (instantiate $m (with "r" (instance $ri))))
  (func (export "rand") (result u64) (canon lift (core func $i "f")))
)
