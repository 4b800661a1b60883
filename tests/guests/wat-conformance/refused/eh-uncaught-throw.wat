;; spec: the exception-handling proposal: a throw no handler catches leaves the export (witbox would have to trap)
;; oracle-disagrees: the validator jco 1.35 runs has the exceptions proposal off ("exceptions proposal not enabled"); the proposal is standard in Wasm 3.0
;; expect: exception-handling tags
(component
  (core module $m
    (tag $t (param i32))
    (func (export "f") (result i32) (throw $t (i32.const 9))))
  (core instance $i (instantiate $m))
  (func (export "f") (result u32) (canon lift (core func $i "f")))
)
