import DeskStore
