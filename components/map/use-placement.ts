'use client'
// Where new nodes go on the canvas, and bringing a node into view.
import { useReactFlow } from '@xyflow/react'
import type { RefObject } from 'react'
import type { Box, Point } from '@/lib/maps/boxes'
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/node-size'
import { besideNode, centredAt, nearestFreeSpot } from '@/lib/maps/placement'
import type { MapNodeState } from '@/lib/maps/reducer'

/** Room kept between a node placed by drop and the canvas's border. */
const EDGE = 12

export function usePlacement(
  wrapper: RefObject<HTMLDivElement | null>,
  nodes: readonly MapNodeState[],
  selected: readonly string[],
) {
  const flow = useReactFlow()
  /** The part of the map the canvas shows, in map coordinates. */
  const visible = (): Box => {
    const box = wrapper.current?.getBoundingClientRect() ?? { left: 0, top: 0, right: 600, bottom: 400 }
    const topLeft = flow.screenToFlowPosition({ x: box.left, y: box.top })
    const bottomRight = flow.screenToFlowPosition({ x: box.right, y: box.bottom })
    return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y }
  }

  /** A node's top-left corner moved so that the whole node is in `area` (when it fits). */
  const within = (p: Point, area: Box): Point => ({
    x:
      area.width > NODE_WIDTH + 2 * EDGE
        ? Math.min(Math.max(p.x, area.x + EDGE), area.x + area.width - NODE_WIDTH - EDGE)
        : p.x,
    y:
      area.height > NODE_HEIGHT + 2 * EDGE
        ? Math.min(Math.max(p.y, area.y + EDGE), area.y + area.height - NODE_HEIGHT - EDGE)
        : p.y,
  })

  /**
   * Where a new node goes: centred where it was dropped (all of it inside the canvas), else beside
   * the one selected node, else at the middle of the view; always at the nearest spot where it
   * covers no other node. The view follows a node placed out of sight.
   */
  const spotFor = (droppedAt?: Point): Point => {
    const taken = nodes.map((n) => ({ x: n.x, y: n.y }))
    const area = visible()
    const only = selected.length === 1 ? nodes.find((n) => n.id === selected[0]) : undefined
    const spot = droppedAt
      ? nearestFreeSpot(within(centredAt(droppedAt), area), taken)
      : only
        ? besideNode(only, taken)
        : nearestFreeSpot(centredAt({ x: area.x + area.width / 2, y: area.y + area.height / 2 }), taken)
    const shown =
      area.x <= spot.x &&
      area.y <= spot.y &&
      spot.x + NODE_WIDTH <= area.x + area.width &&
      spot.y + NODE_HEIGHT <= area.y + area.height
    if (!shown)
      void flow.setCenter(spot.x + NODE_WIDTH / 2, spot.y + NODE_HEIGHT / 2, { duration: 200, zoom: flow.getZoom() })
    return spot
  }

  const focusNode = (id: string) => {
    const node = nodes.find((n) => n.id === id)
    if (node)
      void flow.setCenter(node.x + NODE_WIDTH / 2, node.y + NODE_HEIGHT / 2, { duration: 200, zoom: flow.getZoom() })
  }

  return { spotFor, focusNode }
}
