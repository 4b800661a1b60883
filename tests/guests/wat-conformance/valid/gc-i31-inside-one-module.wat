;; spec: the GC proposal: i31 references inside one module (Chicory runs them)
;; call: f() => 5
(component
  (core module $m
    (func (export "f") (result i32)
      (i31.get_s (ref.i31 (i32.const 5)))))
  (core instance $i (instantiate $m))
  (func (export "f") (result u32) (canon lift (core func $i "f")))
)
