;; World derivation corner cases: a plain-named (inline) instance import, a world-level named type,
;; a type re-exported by another interface under a new name (`use ... as`) (re-exporting an imported instance that has types makes jco 1.35 panic, so it is not here).
(component
  (type $geo (instance
    (type $p (record (field "x" s32) (field "y" s32)))
    (export "point" (type $pt (eq $p)))
    (export "origin" (func (result $pt)))
  ))
  (import "demo:shapes/geo@1.0.0" (instance $geo (type $geo)))
  (alias export $geo "point" (type $point))
  (type $draw (instance
    (alias outer 1 $point (type $p))
    (export "pos" (type $pos (eq $p)))
    (type $l (list $pos))
    (export "path" (type $path (eq $l)))
    (export "draw" (func (param "at" $pos) (param "route" $path) (result bool)))
  ))
  (import "demo:shapes/draw@1.0.0" (instance $draw (type $draw)))
  (type $e (enum "small" "large"))
  (import "size" (type $size (eq $e)))
  (type $e2 (enum "info" "warn"))
  (import "logger" (instance $logger
    (export "level" (type $lv (eq $e2)))
    (export "log" (func (param "level" $lv) (param "msg" string)))
  ))
  (import "measure" (func $measure (param "s" $size) (result u32)))
  (export "area" (func $measure))
)
