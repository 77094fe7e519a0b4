// Types of the row loop the main thread shares with the workers.
export function addMemory(session: number, memory: object): void;
export function addModule(key: string, module: object): void;
export function runTask(task: object): void;
