/**
 * Lesson 11, part 3: an end-to-end memory network on bAbI, as the notebook
 * built it.
 *
 * Teaches: attention as a soft address over memories. Stories become one
 * bag-of-words vector per sentence (with the notebook's time words, so a
 * bag of words can still tell recent from old), the question picks
 * sentences by a softmax over dot products, and the read-out answers.
 * Model A (1 hop, separate A/B/C tables, answer from the read-out only) on
 * QA1; model B (2 hops, question table = A, C of hop 1 = A of hop 2, shared
 * linear map H, u ← H o + question) on QA2. Both: RMSprop, batch 32, the
 * test set as validation, as in the notebook.
 *
 * Run:  pnpm lesson 11:babi-memnn [--set en-10k] [--epochs-two-hop 8]
 * Data: ../shared/data/babi (tasks_1-20_v1-2, en-10k by default).
 * Time: about 10-20 s on one CPU core (fused CPU trainer; no GPU needed).
 * Follows: fast.ai 2017 part 2, lesson 11, babi-memnn.ipynb; Sukhbaatar,
 *   Szlam, Weston, Fergus (2015), "End-To-End Memory Networks".
 */
import { BABI_SETS } from '@lesson11/babi-data';
import type { BabiExample, BabiSet } from '@lesson11/babi-data';
import { loadBabiTask } from '@lesson11/babi-data/node';
import {
  evaluateMemN2N,
  memn2nTraining,
  predictMemN2N,
  prepareBabiData,
  resolveMemN2NConfig,
} from '@lesson11/memnn';
import type { MemN2NConfig, TrainMemN2NOptions } from '@lesson11/memnn';
import { encodePng, heatmap, linePlot, panelGrid } from '@lesson11/plot';
import type {
  LessonContext,
  LessonDefinition,
  MetricValue,
} from '@lesson11/runner';

import { readInteger, readNumber } from './flag-values.js';

interface NotebookModel {
  name: string;
  taskId: number;
  config: MemN2NConfig;
  training: TrainMemN2NOptions;
}

/** The notebook's two models (reference/lesson11.md, §5). */
function notebookModels(values: LessonContext['values']): NotebookModel[] {
  const common: TrainMemN2NOptions = {
    optimizer: 'rmsprop',
    lossReduction: 'mean',
    schedule: 'constant',
    maxGradientNorm: Infinity,
    batchSize: 32,
  };
  const bagOfWords = { positionEncoding: false, temporalEncoding: false };
  return [
    {
      name: 'oneHop',
      taskId: 1,
      config: {
        ...bagOfWords,
        hops: 1,
        embeddingDim: 20,
        weightTying: 'none',
        stateUpdate: 'readOnly',
        answerLayer: 'dense',
      },
      training: {
        ...common,
        learningRate: readNumber(values, 'lr-one-hop'),
        epochs: readInteger(values, 'epochs-one-hop', 0),
      },
    },
    {
      name: 'twoHop',
      taskId: 2,
      config: {
        ...bagOfWords,
        hops: 2,
        embeddingDim: 30,
        weightTying: 'adjacent',
        stateUpdate: 'mapReadAddQuestion',
        answerLayer: 'dense',
      },
      training: {
        ...common,
        learningRate: readNumber(values, 'lr-two-hop'),
        epochs: readInteger(values, 'epochs-two-hop', 0),
      },
    },
  ];
}

const round = (value: number, digits = 4): number =>
  Number(value.toFixed(digits));

/** The attention of every hop over one story, as a picture. */
function attentionPicture(
  example: BabiExample,
  attention: number[][],
  title: string,
) {
  const rows = example.story.length;
  const values = new Float32Array(rows * attention.length);
  attention.forEach((hop, h) => {
    for (let i = 0; i < rows; i++) values[i * attention.length + h] = hop[i]!;
  });
  return heatmap(values, rows, attention.length, {
    rowLabels: example.story.map((words) => words.join(' ')),
    columnLabels: attention.map((_, h) => `hop ${h + 1}`),
    title,
    min: 0,
    max: 1,
    showValues: true,
    cellSize: 44,
  });
}

async function runModel(
  ctx: LessonContext,
  set: BabiSet,
  model: NotebookModel,
  limit: number | null,
) {
  const task = await loadBabiTask(ctx.dataDir, {
    taskId: model.taskId,
    set,
    tokenizer: 'notebook',
    timeWords: true,
  });
  const train = limit === null ? task.train : task.train.slice(0, limit);
  const data = prepareBabiData(train, task.test, {
    memorySize: Infinity,
    validation: { fraction: 0 },
    wordPadding: 'pre',
    memoryOrder: 'storyOrder',
  });
  const config = resolveMemN2NConfig({
    ...model.config,
    vocabularySize: data.vocabulary.size,
    memorySize: data.memorySize,
  });
  ctx.print(
    `${model.name}: QA${model.taskId} (${set}), ${data.train.count} ` +
      `training / ${data.test.count} test questions, vocabulary ` +
      `${data.vocabulary.size}, ${data.memorySize} memories, ${config.hops} hop(s)`,
  );

  const accuracies: number[] = [];
  let parameters = null;
  const steps = memn2nTraining(
    config,
    { train: data.train, validation: data.test },
    {
      ...model.training,
      seed: ctx.seed,
      logger: ctx.logger,
      onProgress: ctx.progress(`${model.name} training`),
    },
  );
  for await (const step of steps) {
    const m = step.metrics;
    accuracies.push(m.validationAccuracy ?? NaN);
    parameters = step.parameters;
    ctx.print(
      `  epoch ${m.epoch}  loss ${m.loss.toFixed(4)}  acc ` +
        `${m.accuracy.toFixed(4)}  test_acc ${(m.validationAccuracy ?? NaN).toFixed(4)}` +
        `  ${Math.round(m.examplesPerSecond)} examples/s`,
    );
  }
  const final = parameters ?? null;
  const test = final === null ? null : evaluateMemN2N(config, final, data.test);

  // The attention over a test story: the first one with four or more sentences.
  const index = Math.max(
    0,
    data.testExamples.findIndex((e) => e.story.length >= 4),
  );
  const example = data.testExamples[index]!;
  const prediction =
    final === null ? null : predictMemN2N(config, final, data.test, index);
  const attention = prediction?.attention ?? [];
  ctx.print(
    `  example: ${example.question.join(' ')} → ` +
      `${prediction ? data.vocabulary.word(prediction.answer) : '-'} (truth ${example.answer})`,
  );
  example.story.forEach((words, i) => {
    const weights = attention.map((hop) => hop[i]!.toFixed(3)).join(' ');
    ctx.print(`    ${weights}  ${words.join(' ')}`);
  });
  return {
    accuracies,
    testAccuracy: test?.accuracy ?? null,
    picture: attentionPicture(
      example,
      attention,
      `${model.name}: ` + `${example.question.join(' ')} (${example.answer})`,
    ),
    metrics: {
      taskId: model.taskId,
      trainingQuestions: data.train.count,
      vocabularySize: data.vocabulary.size,
      memorySize: data.memorySize,
      testAccuracy: test === null ? null : round(test.accuracy),
      accuracyPerEpoch: accuracies.map((a) => round(a)),
      example: {
        question: example.question.join(' '),
        answer: example.answer,
        predicted: prediction ? data.vocabulary.word(prediction.answer) : null,
        attention: attention.map((hop) =>
          hop.slice(0, example.story.length).map((w) => round(w, 3)),
        ),
      },
    } satisfies Record<string, MetricValue>,
  };
}

export const lesson: LessonDefinition = {
  id: '11:babi-memnn',
  title: 'End-to-end memory networks on bAbI QA1 (1 hop) and QA2 (2 hops)',
  defaultSeed: 0,
  flags: {
    set: {
      type: 'string',
      default: 'en-10k',
      description: `bAbI set: ${BABI_SETS.join(' or ')}`,
    },
    limit: {
      type: 'string',
      default: '',
      description: 'use only the first N training questions (default: all)',
    },
    'epochs-one-hop': {
      type: 'string',
      default: '4',
      description: 'epochs of model A',
    },
    'epochs-two-hop': {
      type: 'string',
      default: '8',
      description: 'epochs of model B',
    },
    'lr-one-hop': {
      type: 'string',
      default: '0.01',
      description: 'RMSprop rate, model A',
    },
    'lr-two-hop': {
      type: 'string',
      default: '0.005',
      description: 'RMSprop rate, model B',
    },
  },
  async run(ctx) {
    const set = ctx.values['set'];
    if (set !== 'en' && set !== 'en-10k') {
      throw new RangeError(
        `lesson: --set must be one of "en", "en-10k", got ${JSON.stringify(set)}.`,
      );
    }
    const limit =
      ctx.values['limit'] === '' ? null : readInteger(ctx.values, 'limit', 1);
    const results: Record<string, Awaited<ReturnType<typeof runModel>>> = {};
    for (const model of notebookModels(ctx.values)) {
      results[model.name] = await runModel(ctx, set, model, limit);
    }
    const oneHop = results['oneHop']!;
    const twoHop = results['twoHop']!;
    const curves = linePlot(
      [oneHop, twoHop].map((r, i) => ({
        label: i === 0 ? 'QA1, 1 hop' : 'QA2, 2 hops',
        x: r.accuracies.map((_, e) => e + 1),
        y: r.accuracies,
      })),
      {
        title: 'Test accuracy per epoch',
        xLabel: 'epoch',
        yLabel: 'accuracy',
        yRange: [0, 1],
      },
    );
    await ctx.writeFile('accuracy.png', encodePng(curves));
    await ctx.writeFile(
      'attention.png',
      encodePng(panelGrid([oneHop.picture, twoHop.picture], 1)),
    );
    return {
      metrics: { set, oneHop: oneHop.metrics, twoHop: twoHop.metrics },
      summary:
        `QA1 1-hop test accuracy ${oneHop.testAccuracy?.toFixed(3)}, ` +
        `QA2 2-hop ${twoHop.testAccuracy?.toFixed(3)}`,
    };
  },
};
