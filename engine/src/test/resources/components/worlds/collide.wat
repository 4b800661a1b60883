;; An interface whose function refers to another interface's type directly (without exporting it)
;; while it has a type of the same name itself: the derived WIT makes the other type visible with
;; `use geo.{point as point-2}`.
(component
  (type $geo (instance
    (type $p (record (field "x" s32) (field "y" s32)))
    (export "point" (type $pt (eq $p)))
  ))
  (import "demo:collide/geo@1.0.0" (instance $geo (type $geo)))
  (alias export $geo "point" (type $point))
  (type $draw (instance
    (alias outer 1 $point (type $gp))
    (type $own (record (field "z" u8)))
    (export "point" (type $mine (eq $own)))
    (export "convert" (func (param "from" $gp) (result $mine)))
  ))
  (import "demo:collide/draw@1.0.0" (instance $draw (type $draw)))
)
