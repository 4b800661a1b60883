;; spec: CanonicalABI.md "flatten_variant" / "join": cases u32 and f32 join to one i32 slot, so the variant flattens to [i32 discriminant, i32]: two flat values, a result returned through memory, a parameter passed flat; an f32 payload travels as its bits
;; call: f(1) => b(1.5)
;; call: g(b(2.5)) => 1075838976
;; call: g(a(7)) => 7
(component
  (type $v0 (variant (case "a" u32) (case "b" f32)))
  (export $v "v" (type $v0))
  (core module $m
    (memory (export "mem") 1)
    (func (export "f") (param i32) (result i32)
      (i32.store (i32.const 16) (local.get 0))
      (f32.store (i32.const 20) (f32.const 1.5))
      i32.const 16)
    (func (export "g") (param i32 i32) (result i32) local.get 1))
  (core instance $i (instantiate $m))
  (func (export "f") (param "x" u32) (result $v) (canon lift (core func $i "f") (memory (core memory $i "mem"))))
  (func (export "g") (param "x" $v) (result u32) (canon lift (core func $i "g"))))
